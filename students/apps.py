"""App configuration for students: About me, verdicts, saved internships, calendars, alerts."""

from django.apps import AppConfig


class StudentsConfig(AppConfig):
    name = "students"
    verbose_name = "Students' saved internships and alerts"
