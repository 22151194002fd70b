# Creates the "Recruiters" group with exactly the permissions recruiters need.
from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP = "Recruiters"
# A frozen copy of postings.permissions.RECRUITER_PERMISSIONS (a test keeps them equal).
PERMISSIONS = [
    ("postings", "view_posting"),
    ("postings", "add_posting"),
    ("postings", "change_posting"),
    ("postings", "delete_posting"),
    ("postings", "view_payband"),
    ("postings", "add_payband"),
    ("postings", "change_payband"),
    ("postings", "delete_payband"),
    ("postings", "view_requirement"),
    ("postings", "add_requirement"),
    ("postings", "change_requirement"),
    ("postings", "delete_requirement"),
    ("postings", "view_location"),
    ("postings", "add_location"),
    ("postings", "view_researcharea"),
    ("postings", "view_category"),
]


def create_group(apps, schema_editor):
    # Permissions are normally made after all migrations (post_migrate); make them now.
    app_config = apps.get_app_config("postings")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.using(schema_editor.connection.alias).get_or_create(name=GROUP)
    permissions = [
        Permission.objects.using(schema_editor.connection.alias).get(
            content_type__app_label=app_label, codename=codename
        )
        for app_label, codename in PERMISSIONS
    ]
    group.permissions.set(permissions)


def delete_group(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Group.objects.using(schema_editor.connection.alias).filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("postings", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
