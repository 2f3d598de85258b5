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
    path("posts/<int:pk>/withdraw/", board.post_withdraw, name="post_withdraw"),
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
    path("plans/<int:pk>/items/", plans.plan_item_add, name="plan_item_add"),
    path(
        "plans/<int:pk>/items/<int:item_pk>/remove/",
        plans.plan_item_remove,
        name="plan_item_remove",
    ),
    path("plans/<int:pk>/publish/", plans.plan_publish, name="plan_publish"),
    path("plans/<int:pk>/results/", plans.plan_results, name="plan_results"),
    path("meetings/", plans.meeting_list, name="meeting_list"),
    path("meetings/<int:pk>/", plans.meeting_detail, name="meeting_detail"),
    path(
        "meetings/<int:pk>/questions/",
        plans.meeting_question_add,
        name="meeting_question_add",
    ),
    path(
        "meetings/<int:pk>/questions/<int:question_pk>/answer/",
        plans.meeting_question_answer,
        name="meeting_question_answer",
    ),
    path("statistics/", statistics.statistics, name="statistics"),
    path("newsletter/", statistics.newsletter, name="newsletter"),
    # Service requests
    path("requests/", requests.request_list, name="request_list"),
    path("requests/new/", requests.request_create, name="request_create"),
    path("requests/<int:pk>/", requests.request_detail, name="request_detail"),
    path("requests/<int:pk>/decide/", requests.request_decide, name="request_decide"),
    path(
        "requests/<int:pk>/purchase/",
        requests.request_purchase,
        name="request_purchase",
    ),
    path(
        "requests/<int:pk>/stock-in/",
        requests.request_stock_in,
        name="request_stock_in",
    ),
    path("requests/<int:pk>/issue/", requests.request_issue, name="request_issue"),
    path(
        "requests/<int:pk>/short/",
        requests.request_fall_short,
        name="request_fall_short",
    ),
    path(
        "requests/<int:pk>/complete/",
        requests.request_complete,
        name="request_complete",
    ),
    path("requests/<int:pk>/amend/", requests.request_amend, name="request_amend"),
    # The store
    path("stock/", stock.stock_list, name="stock_list"),
    path("stock/new/", stock.stock_item_create, name="stock_item_create"),
    path("stock/<int:pk>/", stock.stock_item_detail, name="stock_item"),
    path("stock/<int:pk>/receive/", stock.stock_receive, name="stock_receive"),
    path("stock/<int:pk>/adjust/", stock.stock_adjust, name="stock_adjust"),
]
