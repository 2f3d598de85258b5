from django.urls import path

from .views import board, plans, requests, statistics, stock

app_name = "disclosure"
urlpatterns = [
    # The board
    path("", board.index, name="index"),
    path("search/", board.search, name="search"),
    path("columns/<slug:code>/", board.column, name="column"),
    path("board/supplies/", board.supplies_board, name="supplies_board"),
    path("posts/new/", board.post_create, name="post_create"),
    path("posts/<int:pk>/", board.post_detail, name="post_detail"),
    path("posts/<int:pk>/act/<slug:action>/", board.post_actions.view, name="post_act"),
    path("rules/", board.rule_list, name="rule_list"),
    path("rules/new/", board.rule_create, name="rule_create"),
    path("rules/<int:pk>/", board.rule_detail, name="rule_detail"),
    path("rules/<int:pk>/revise/", board.rule_revise, name="rule_revise"),
    path("rules/<int:pk>/v<int:number>/", board.rule_version, name="rule_version"),
    path("time-limits/", board.time_limits, name="time_limits"),
    # Monthly plans and results, the office's meetings
    path("plans/", plans.plan_board, name="plan_board"),
    path("plans/new/", plans.plan_create, name="plan_create"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("plans/<int:pk>/act/<slug:action>/", plans.plan_actions.view, name="plan_act"),
    path("meetings/", plans.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", plans.meeting_detail, name="meeting_detail"),
    path(
        "meetings/<int:pk>/act/<slug:action>/",
        plans.meeting_actions.view,
        name="meeting_act",
    ),
    path(
        "meetings/questions/<int:pk>/act/<slug:action>/",
        plans.question_actions.view,
        name="question_act",
    ),
    path("statistics/", statistics.statistics, name="statistics"),
    path("newsletter/", statistics.newsletter, name="newsletter"),
    # Service requests
    path("requests/", requests.request_list, name="request_list"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path(
        "requests/<int:pk>/act/<slug:action>/",
        requests.request_actions.view,
        name="request_act",
    ),
    # The store
    path("stock/", stock.stock_list, name="stock_list"),
    path("stock/new/", stock.stock_item_create, name="stock_item_create"),
    path("stock/<int:pk>/", stock.stock_item_detail, name="stock_item"),
    path(
        "stock/<int:pk>/act/<slug:action>/", stock.stock_actions.view, name="stock_act"
    ),
]
