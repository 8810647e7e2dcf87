from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectConfig(AppConfig):
    """The project's own app: the task queue runtime (worker, scheduler, the staff page
    of failed tasks), the deployment checks and project-level template tags.

    It sits below every domain app: they enqueue through Django's task API and never
    import it; only settings, `config/urls.py` and `config/schedule.py` name it.
    """

    name = "config"
    label = "config"
    verbose_name = _("Project")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)
