from django.contrib.auth import get_user_model
from django.views.generic import TemplateView


class CommunityIndexView(TemplateView):
    template_name = "community/index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["member_count"] = get_user_model().objects.filter(is_active=True).count()
        return context
