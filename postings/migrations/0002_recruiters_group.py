# Placeholder so that parallel work can build on a fixed migration graph; filled in by the admin work.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("postings", "0001_initial")]

    operations = []
