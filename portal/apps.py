"""The admin's login throttle (django-axes) under a name an editor can read."""
from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _


class LoginThrottleConfig(AxesConfig):
    verbose_name = _("登录限制")
