from flask import render_template

from app.views.public.blueprint import bp


@bp.get("/")
def home():
    return render_template("public/home.html")


@bp.get("/accessibility")
def accessibility():
    return render_template("public/accessibility.html")


@bp.get("/privacy")
def privacy():
    return render_template("public/privacy.html")
