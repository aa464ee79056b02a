"""Every rule's index terms start with its workspace's term, so the engine ranks one
workspace's rules inside its index (learnings/text.py, index_terms)."""

from django.db import migrations


def index_again(apps, schema_editor):
    from aftercast.learnings.glossary import for_workspace
    from aftercast.learnings.text import index_terms

    Learning = apps.get_model("learnings", "Learning")
    for rule in Learning.objects.all():
        rule.search_terms = index_terms(rule, for_workspace(rule.workspace_id))
        rule.save(update_fields=["search_terms"])


class Migration(migrations.Migration):
    dependencies = [("learnings", "0006_glossary_terms")]
    operations = [migrations.RunPython(index_again, migrations.RunPython.noop)]
