"""The Petugas PPID keeps the DIP and DIK up to date: the list permissions, and on the root collection the right to
upload and choose documents (Wagtail grants document permissions per collection). ppid/catalogue.py
`grant_catalogue_permissions` gives the same to any other group. Idempotent."""

from django.db import migrations

LIST_PERMISSIONS = [
    ("ppid", f"{action}_{model}")
    for model in ("informationitem", "exemptinformation")
    for action in ("view", "add", "change", "delete")
]
COLLECTION_PERMISSIONS = [("wagtaildocs", "add_document"), ("wagtaildocs", "choose_document")]


def forwards(apps, schema_editor):
    from home import editorial

    editorial.create_all_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group = Group.objects.filter(name="Petugas PPID").first()
    root = Collection.objects.filter(depth=1).first()
    if group is None:
        return
    for app_label, codename in LIST_PERMISSIONS:
        group.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
    if root is not None:
        for app_label, codename in COLLECTION_PERMISSIONS:
            permission = Permission.objects.get(content_type__app_label=app_label, codename=codename)
            GroupCollectionPermission.objects.get_or_create(group=group, collection=root, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("ppid", "0003_information_lists"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
