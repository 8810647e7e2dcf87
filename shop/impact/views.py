from django.views.generic import TemplateView


class ProducerDirectoryView(TemplateView):
    template_name = "impact/producer_list.html"


class ProducerDetailView(TemplateView):
    template_name = "impact/producer_detail.html"


class MethodView(TemplateView):
    template_name = "impact/method.html"


class SetOriginView(TemplateView):
    template_name = "impact/method.html"
