from django.urls import path

from infohus.organisations import user_views, views

app_name = "organisations"
urlpatterns = [
    path("", views.directory, name="directory"),
    path("<int:pk>/", views.organisation_detail, name="organisation_detail"),
    path("rolle/", views.switch_membership, name="switch_membership"),
    path("referencedata/", views.reference_data, name="reference_data"),
    path("referencedata/genindlaes/", views.reload_reference_data, name="reload_reference_data"),
    path("brugere/", user_views.user_list, name="user_list"),
    path("brugere/ny/", user_views.create_user, name="create_user"),
    path("brugere/<int:pk>/", user_views.user_detail, name="user_detail"),
    path("brugere/<int:pk>/rediger/", user_views.update_user, name="update_user"),
    path("brugere/<int:pk>/roller/ny/", user_views.add_membership, name="add_membership"),
    path("brugere/<int:pk>/deaktiver/", user_views.deactivate_user, name="deactivate_user"),
    path("brugere/<int:pk>/genaktiver/", user_views.reactivate_user, name="reactivate_user"),
    path("brugere/<int:pk>/nulstil-totrin/", user_views.reset_mfa, name="reset_mfa"),
    path("brugere/<int:pk>/ophaev-spaerring/", user_views.unlock_user, name="unlock_user"),
    path("roller/<int:pk>/afslut/", user_views.end_membership, name="end_membership"),
]
