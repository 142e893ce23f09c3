"""Staff-voice surveys, answered anonymously by anyone with a wave's link.

Every page is sent with Cache-Control: no-store, and after sending their answers the session is
cleared, so on a shared device the next person finds nothing of the last one's answers.
"""

from app.views.staff_respond.blueprint import bp

# Importing the route modules adds their pages to bp. They take bp from .blueprint, so
# nothing imports this package back while it is loading.
from . import routes  # noqa: F401

__all__ = ["bp"]
