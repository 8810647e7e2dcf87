from django.views.generic import DetailView, ListView

from .models import BuyingGroup


class GroupListView(ListView):
    template_name = "groupbuy/group_list.html"
    context_object_name = "groups"
    paginate_by = 20

    def get_queryset(self):
        return BuyingGroup.objects.with_member_count()


class GroupDetailView(DetailView):
    template_name = "groupbuy/group_detail.html"
    context_object_name = "group"

    def get_queryset(self):
        return BuyingGroup.objects.with_member_count()
