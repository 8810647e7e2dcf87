"""Producer-facing pages of the Oscar dashboard (mounted at /boutique/dashboard/impact/)."""

app_name = "impact-dashboard"

urlpatterns: list = []
