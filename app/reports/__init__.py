"""PDF reports (reportlab), drawn from the analysis layer's figures and app/charts."""
