from django.urls import path

from infohus.pet import views

app_name = "exit"
urlpatterns = [
    path("", views.course_list, name="course_list"),
    path("start/<int:case_pk>/", views.start_course, name="start_course"),
    path("<int:pk>/", views.course_detail, name="course_detail"),
    path("henvis/<int:concern_pk>/", views.refer_concern, name="refer_concern"),
    path("henvisninger/<int:pk>/start/", views.start_from_referral, name="start_from_referral"),
]
