"""The community feed and its moderation. Views parse input, call a service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from community.members import active_members, ensure_active_member, is_active_member
from shop.ratelimit import RateLimited, rate_limited_response, wants_json

from . import moderation, selectors, services
from .forms import CommentForm, ModerationForm, PostForm, ReactionForm, ReportForm
from .models import Comment, Post, Report
from .moderation import is_facilitator

TOO_MANY_REQUESTS = 429


def _decorate(posts, user) -> list[Post]:
    """Per-viewer bits the cards need (no query: everything was prefetched)."""
    posts = list(posts)
    for post in posts:
        post.reaction_list = selectors.reaction_summary(post)
        post.is_mine = user.is_authenticated and post.author_id == user.pk
    return posts


def _back(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


class FeedView(TemplateView):
    """/communaute/: the feed, 20 posts a page, with the post form for verified members."""

    template_name = "community/index.html"

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data())

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        paginator = Paginator(selectors.feed_posts(user=user), selectors.FEED_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        initial = {}
        if self.request.GET.get("produit", "").isdigit():
            initial["product"] = int(self.request.GET["produit"])
        context.update(
            page_obj=page,
            posts=_decorate(page.object_list, user),
            may_write=is_active_member(user),
            is_facilitator=is_facilitator(user),
            member_count=active_members().count(),
            live=page.number == 1,
        )
        if context["may_write"]:
            context["form"] = form or PostForm(user=user, initial=initial)
        return context


class PostCreateView(LoginRequiredMixin, View):
    def post(self, request):
        ensure_active_member(request.user)
        form = PostForm(request.POST, request.FILES, user=request.user)
        status = 200
        if form.is_valid():
            try:
                services.post_create(author=request.user, **form.cleaned_data)
            except RateLimited as error:
                form.add_error(None, error.message)
                status = TOO_MANY_REQUESTS
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your post is published."))
                return redirect("community:index")
        view = FeedView(request=request, args=(), kwargs={})
        return view.render_to_response(view.get_context_data(form=form), status=status)


class PostDetailView(TemplateView):
    template_name = "community/post_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        post = selectors.feed_posts(user=user).filter(pk=kwargs["pk"]).first()
        if post is None:
            raise Http404
        context.update(
            post=_decorate([post], user)[0],
            may_write=is_active_member(user),
            is_facilitator=is_facilitator(user),
            comment_form=CommentForm(),
        )
        return context


class OwnPostMixin(LoginRequiredMixin):
    def get_post(self, request, pk) -> Post:
        post = get_object_or_404(Post, pk=pk, kind=Post.Kind.TEXT)
        if post.author_id != request.user.pk:
            raise PermissionDenied(_("You may only change your own posts and comments."))
        return post


class PostEditView(OwnPostMixin, View):
    template_name = "community/post_form.html"

    def get(self, request, pk):
        post = self.get_post(request, pk)
        form = PostForm(instance=post, user=request.user)
        return render(request, self.template_name, {"form": form, "post": post})

    def post(self, request, pk):
        post = self.get_post(request, pk)
        ensure_active_member(request.user)
        form = PostForm(request.POST, request.FILES, instance=post, user=request.user)
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in PostForm.Meta.fields}
            if fields["image"] is False:  # "clear" ticked
                fields["image"] = ""
            elif fields["image"] is None:
                fields.pop("image")
            services.post_update(post=Post.objects.get(pk=post.pk), user=request.user, **fields)
            messages.success(request, _("Your post is updated."))
            return redirect(post.get_absolute_url())
        return render(request, self.template_name, {"form": form, "post": post})


class PostDeleteView(OwnPostMixin, View):
    template_name = "community/confirm_delete.html"

    def get(self, request, pk):
        post = self.get_post(request, pk)
        return render(request, self.template_name, {"object": post, "kind": "post"})

    def post(self, request, pk):
        post = self.get_post(request, pk)
        services.post_delete(post=post, user=request.user)
        messages.success(request, _("Your post is deleted."))
        return redirect("community:index")


class CommentCreateView(LoginRequiredMixin, View):
    def post(self, request, pk):
        post = get_object_or_404(Post.objects.visible_to(request.user), pk=pk)
        ensure_active_member(request.user)
        form = CommentForm(request.POST)
        if form.is_valid():
            try:
                comment = services.comment_create(
                    post=post, author=request.user, body=form.cleaned_data["body"]
                )
            except RateLimited as error:
                return rate_limited_response(request, error)
            return redirect(comment.get_absolute_url())
        messages.error(request, _("Your comment is empty or too long."))
        return redirect(post.get_absolute_url())


class OwnCommentMixin(LoginRequiredMixin):
    def get_comment(self, request, pk) -> Comment:
        comment = get_object_or_404(Comment.objects.select_related("post"), pk=pk)
        if comment.author_id != request.user.pk:
            raise PermissionDenied(_("You may only change your own posts and comments."))
        return comment


class CommentEditView(OwnCommentMixin, View):
    template_name = "community/comment_form.html"

    def get(self, request, pk):
        comment = self.get_comment(request, pk)
        return render(
            request, self.template_name, {"form": CommentForm(instance=comment), "comment": comment}
        )

    def post(self, request, pk):
        comment = self.get_comment(request, pk)
        form = CommentForm(request.POST, instance=comment)
        if form.is_valid():
            services.comment_update(
                comment=Comment.objects.get(pk=pk),
                user=request.user,
                body=form.cleaned_data["body"],
            )
            return redirect(comment.get_absolute_url())
        return render(request, self.template_name, {"form": form, "comment": comment})


class CommentDeleteView(OwnCommentMixin, View):
    template_name = "community/confirm_delete.html"

    def get(self, request, pk):
        comment = self.get_comment(request, pk)
        return render(request, self.template_name, {"object": comment, "kind": "comment"})

    def post(self, request, pk):
        comment = self.get_comment(request, pk)
        post_url = comment.post.get_absolute_url()
        services.comment_delete(comment=comment, user=request.user)
        messages.success(request, _("Your comment is deleted."))
        return redirect(post_url)


class ReactView(LoginRequiredMixin, View):
    def post(self, request, pk):
        post = get_object_or_404(Post.objects.visible_to(request.user), pk=pk)
        form = ReactionForm(request.POST)
        if not form.is_valid():
            return JsonResponse({"error": _("Unknown reaction.")}, status=400)
        try:
            added = services.reaction_toggle(
                post=post, user=request.user, kind=form.cleaned_data["kind"]
            )
        except RateLimited as error:
            return rate_limited_response(request, error)
        if wants_json(request):
            count = post.reactions.filter(kind=form.cleaned_data["kind"]).count()
            return JsonResponse({"added": added, "count": count})
        return HttpResponseRedirect(_back(request, f"{post.get_absolute_url()}"))


class ReportView(LoginRequiredMixin, View):
    template_name = "community/report_form.html"

    def get_target(self, request, target, pk):
        if target == "publication":
            return get_object_or_404(Post.objects.visible_to(request.user), pk=pk)
        if target == "commentaire":
            return get_object_or_404(Comment.objects.filter(hidden_at__isnull=True), pk=pk)
        raise Http404

    def get(self, request, target, pk):
        obj = self.get_target(request, target, pk)
        ensure_active_member(request.user)
        return render(request, self.template_name, {"form": ReportForm(), "object": obj})

    def post(self, request, target, pk):
        obj = self.get_target(request, target, pk)
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                moderation.report_create(
                    reporter=request.user,
                    reason=form.cleaned_data["reason"],
                    **{"post" if isinstance(obj, Post) else "comment": obj},
                )
            except RateLimited as error:
                form.add_error(None, error.message)
                return render(
                    request,
                    self.template_name,
                    {"form": form, "object": obj},
                    status=TOO_MANY_REQUESTS,
                )
            messages.success(request, _("Thank you: a facilitator will look at it."))
            return redirect(obj.get_absolute_url())
        return render(request, self.template_name, {"form": form, "object": obj})


class FacilitatorMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            moderation.ensure_facilitator(request.user)
        return super().dispatch(request, *args, **kwargs)


class ModerationQueueView(FacilitatorMixin, TemplateView):
    template_name = "community/moderation_queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        hidden_posts, hidden_comments = selectors.recently_hidden()
        context.update(
            reports=selectors.moderation_queue(),
            hidden_posts=hidden_posts,
            hidden_comments=hidden_comments,
            form=ModerationForm(),
        )
        return context


class ModerateView(FacilitatorMixin, View):
    """POST reason → hide or restore a post or a comment."""

    def post(self, request, target, pk, action):
        model = {"publication": Post, "commentaire": Comment}.get(target)
        operation = {"masquer": moderation.content_hide, "retablir": moderation.content_restore}
        if model is None or action not in operation:
            raise Http404
        obj = get_object_or_404(model, pk=pk)
        form = ModerationForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Write the reason for this decision."))
        else:
            operation[action](target=obj, actor=request.user, reason=form.cleaned_data["reason"])
            messages.success(request, _("Hidden.") if action == "masquer" else _("Restored."))
        return HttpResponseRedirect(_back(request, reverse("community:moderation")))


class ReportDismissView(FacilitatorMixin, View):
    def post(self, request, pk):
        report = get_object_or_404(Report, pk=pk)
        moderation.report_dismiss(report=report, actor=request.user)
        messages.success(request, _("The report is closed; the content stays."))
        return redirect("community:moderation")
