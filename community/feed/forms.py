from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from groupbuy.models import GroupOrder, GroupOrderState, Membership

from .models import POST_IMAGE_EXTENSIONS, Comment, Post, Reaction, validate_post_image

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

MARKDOWN_HELP = _(
    "You can write **bold**, *italic*, [a link](https://…) and lists starting with “- ”."
)


class PostForm(forms.ModelForm):
    #: Set from a product page's link (/communaute/?produit=<pk>); shown, not typed.
    product = forms.ModelChoiceField(
        queryset=Product.objects.filter(is_public=True),
        required=False,
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Post
        fields = ["body", "image", "producer", "product", "group_order"]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 4, "maxlength": 5000}),
            "image": forms.ClearableFileInput(
                attrs={"accept": ",".join(f".{ext}" for ext in POST_IMAGE_EXTENSIONS)}
            ),
        }
        help_texts = {"body": MARKDOWN_HELP}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].required = True
        self.fields["producer"].queryset = Partner.objects.filter(charter_status="membre").order_by(
            "name"
        )
        group_ids = (
            Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values("group_id")
            if user is not None and user.is_authenticated
            else []
        )
        group_orders = GroupOrder.objects.filter(group_id__in=group_ids).exclude(
            state=GroupOrderState.DRAFT
        )
        if self.instance.group_order_id:  # still allowed if the author left the group since
            group_orders = group_orders | GroupOrder.objects.filter(pk=self.instance.group_order_id)
        self.fields["group_order"].queryset = group_orders.select_related("group")
        self.fields["image"].validators = [validate_post_image]

    @property
    def linked_product(self):
        """The product this post will link to, to name it above the form."""
        value = self["product"].value()
        if isinstance(value, Product):
            return value
        if value and str(value).isdigit():
            return self.fields["product"].queryset.filter(pk=value).first()
        return None


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 2, "maxlength": 2000})}
        labels = {"body": _("Your comment")}


class ReactionForm(forms.Form):
    kind = forms.ChoiceField(choices=Reaction.Kind.choices)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why should a facilitator look at this?"),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        max_length=1000,
        min_length=3,
    )


class ModerationForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the author)"),
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": 1000}),
        max_length=1000,
        min_length=3,
    )
