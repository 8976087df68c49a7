from django.urls import path

from infohus.cases import conduct_views, handover_views, queue_views, views

app_name = "cases"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("arbejdsliste/", queue_views.work_queue, name="work_queue"),
    path("screening/<int:pk>/", views.screen_concern, name="screen_concern"),
    path("<int:pk>/", views.case_detail, name="case_detail"),
    path("<int:pk>/status/", views.change_status, name="change_status"),
    path("<int:pk>/placering/", views.change_severity, name="change_severity"),
    path("<int:pk>/afslut/", views.close_case, name="close_case"),
    path("<int:pk>/genaabn/", views.reopen_case, name="reopen_case"),
    path("<int:pk>/overdrag/", handover_views.send_handover, name="send_handover"),
    path("overleveringer/<int:pk>/", handover_views.handover_detail, name="handover_detail"),
    path("overleveringer/<int:pk>/modtag/", handover_views.decide_handover, name="decide_handover"),
    path(
        "overleveringer/<int:pk>/tilbagekald/",
        handover_views.cancel_handover,
        name="cancel_handover",
    ),
    path("<int:pk>/spoerg-pet/", handover_views.request_consultation, name="request_consultation"),
    path(
        "pet-forespoergsler/<int:pk>/svar/",
        handover_views.answer_consultation,
        name="answer_consultation",
    ),
    path("<int:pk>/varetaegt/", conduct_views.record_detention, name="record_detention"),
    path("varetaegt/<int:pk>/ophoer/", conduct_views.end_detention, name="end_detention"),
    path("<int:pk>/samtale/", conduct_views.record_conversation, name="record_conversation"),
    path(
        "<int:pk>/efterforskning/",
        conduct_views.hand_out_for_investigation,
        name="investigation",
    ),
]
