"""A helper for migrations (the loader skips modules whose names start with "_")."""


def on_postgresql(sql):
    """A RunPython function running `sql` on PostgreSQL and doing nothing elsewhere."""

    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            with schema_editor.connection.cursor() as cursor:
                cursor.execute(sql)

    return run
