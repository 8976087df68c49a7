from django.urls import path

from infohus.intake import attachment_views, person_views, share_views, views

app_name = "intake"
urlpatterns = [
    path("", views.inbox_list, name="inbox"),
    path("ny/", views.register_concern, name="register_concern"),
    path("<int:pk>/", views.concern_detail, name="concern_detail"),
    path("<int:pk>/fordel/", views.assign_concern, name="assign_concern"),
    path("<int:pk>/overfoer/", views.transfer_concern, name="transfer_concern"),
    path("<int:pk>/bilag/ny/", attachment_views.add_attachment, name="add_attachment"),
    path(
        "<int:pk>/bilag/<int:attachment_pk>/hent/",
        attachment_views.download_attachment,
        name="download_attachment",
    ),
    path(
        "<int:pk>/bilag/<int:attachment_pk>/fjern/",
        attachment_views.remove_attachment,
        name="remove_attachment",
    ),
    path(
        "<int:pk>/personer/<int:person_pk>/sammenlaeg/<int:other_pk>/",
        person_views.merge_persons,
        name="merge_persons",
    ),
    path("<int:pk>/del/", share_views.share_concern, name="share_concern"),
    path(
        "<int:pk>/delinger/<int:share_pk>/traek-tilbage/",
        share_views.withdraw_share,
        name="withdraw_share",
    ),
    path("personer/sammenlaegninger/", person_views.person_merges, name="person_merges"),
    path(
        "personer/sammenlaegninger/<int:pk>/fortryd/",
        person_views.undo_merge,
        name="undo_merge",
    ),
    path("stedfortraedere/", views.deputies, name="deputies"),
    path("stedfortraedere/<int:pk>/fjern/", views.remove_deputy, name="remove_deputy"),
]
