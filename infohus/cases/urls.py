from django.urls import path

from infohus.cases import views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("screening/<int:pk>/", views.screen_concern, name="screen_concern"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/status/", views.change_status, name="change_status"),
    path("<int:pk>/afslut/", views.close_case, name="close_case"),
    path("<int:pk>/genaabn/", views.reopen_case, name="reopen_case"),
]
