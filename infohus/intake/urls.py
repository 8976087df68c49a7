from django.urls import path

from infohus.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.inbox_list, name="inbox"),
    path("ny/", views.register_concern, name="register_concern"),
    path("<int:pk>/", views.concern_detail, name="concern_detail"),
    path("<int:pk>/fordel/", views.assign_concern, name="assign_concern"),
    path("<int:pk>/overfoer/", views.transfer_concern, name="transfer_concern"),
    path("stedfortraedere/", views.deputies, name="deputies"),
    path("stedfortraedere/<int:pk>/fjern/", views.remove_deputy, name="remove_deputy"),
]
