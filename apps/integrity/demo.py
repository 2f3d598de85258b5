"""Demo integrity-culture data, made by the demo users through the services.

Idempotent: the question bank is filled once; contests are found by title.
"""

import datetime

from django.utils import timezone

from apps.core.models import Department, User

from . import services
from .models import (
    ActivityKind,
    Campaign,
    Exemplar,
    IntegrityPlan,
    JudgedContest,
    Question,
    QuestionKind,
    Quiz,
    Remark,
)

S, M, T = QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.TRUE_FALSE

# (kind, question, topic, [(option, correct)] or True/False, explanation)
BANK = [
    (
        S,
        "检察人员接受案件当事人及其委托的人宴请，违反的是哪一类纪律？",
        "廉洁从检",
        [
            ("廉洁纪律", True),
            ("组织纪律", False),
            ("群众纪律", False),
            ("生活纪律", False),
        ],
        "接受可能影响公正执行公务的宴请属于违反廉洁纪律。",
    ),
    (
        S,
        "检察官法规定，检察官从人民检察院离任后几年内，不得以律师身份担任诉讼代理人、辩护人？",
        "检察官法",
        [("一年", False), ("二年", True), ("三年", False), ("五年", False)],
        "检察官从人民检察院离任后二年内，不得以律师身份担任诉讼代理人或者辩护人。",
    ),
    (
        S,
        "“三个规定”中，要求检察人员对过问或干预、插手案件办理的情况如何处理？",
        "三个规定",
        [("全面如实记录", True), ("视情况记录", False), ("口头报告即可", False)],
        "对领导干部和内部人员过问案件的情况应当全面、如实记录，做到有据可查。",
    ),
    (
        S,
        "检察人员配偶在本人任职检察院辖区内开办律师事务所的，检察人员应当如何？",
        "回避与任职",
        [("实行任职回避", True), ("申报即可", False), ("无需处理", False)],
        "应当按规定实行任职回避。",
    ),
    (
        S,
        "中国共产党纪律处分条例规定的党纪处分种类有几种？",
        "党纪条规",
        [("三种", False), ("四种", False), ("五种", True), ("六种", False)],
        "警告、严重警告、撤销党内职务、留党察看、开除党籍。",
    ),
    (
        S,
        "检务督察的对象是？",
        "检务督察",
        [("本院及下级院检察人员", True), ("人民陪审员", False), ("律师", False)],
        "",
    ),
    (
        S,
        "执法过错责任追究坚持的原则是？",
        "执法过错",
        [
            ("实事求是、有错必究、惩教结合", True),
            ("从重从快", False),
            ("不告不理", False),
        ],
        "",
    ),
    (
        S,
        "检察人员因公接待，应当执行的标准是？",
        "中央八项规定",
        [
            ("公务接待标准，不得超标准", True),
            ("视对方级别而定", False),
            ("由接待人员自行决定", False),
        ],
        "",
    ),
    (
        M,
        "下列属于“四风”问题的有（    ）",
        "作风建设",
        [
            ("形式主义", True),
            ("官僚主义", True),
            ("享乐主义", True),
            ("奢靡之风", True),
            ("艰苦奋斗", False),
        ],
        "“四风”即形式主义、官僚主义、享乐主义和奢靡之风。",
    ),
    (
        M,
        "检察人员不得有下列哪些行为？",
        "廉洁从检",
        [
            ("私下会见案件当事人", True),
            ("违规收受礼金", True),
            ("泄露案件秘密", True),
            ("按规定接受监督", False),
        ],
        "",
    ),
    (
        M,
        "外部监督的渠道包括（    ）",
        "监督制约",
        [
            ("律师", True),
            ("案件当事人", True),
            ("发案单位", True),
            ("人民监督员", True),
            ("犯罪嫌疑人同监室人员的传言", False),
        ],
        "",
    ),
    (
        M,
        "廉政文化建设可以采用的载体有（    ）",
        "廉政文化",
        [
            ("廉政知识竞赛", True),
            ("演讲比赛", True),
            ("观看警示教育片", True),
            ("只开大会念文件", False),
        ],
        "寓教于乐，增强实效。",
    ),
    (
        M,
        "个案预防一般包括下列哪些步骤？",
        "职务犯罪预防",
        [
            ("制作立项审批表", True),
            ("撰写个案分析报告", True),
            ("发出检察建议", True),
            ("对发案单位罚款", False),
        ],
        "",
    ),
    (T, "检察人员可以在律师事务所兼职。", "检察官法", False, "检察官不得兼任律师。"),
    (T, "检察人员对领导干部过问案件的情况应当如实记录。", "三个规定", True, ""),
    (T, "只要不影响办案，检察人员可以接受当事人赠送的土特产。", "廉洁从检", False, ""),
    (T, "检察建议书应当当面送达发案单位并当场宣读。", "职务犯罪预防", True, ""),
    (
        T,
        "廉政教育的对象只是领导干部，普通干警无需参加。",
        "廉政文化",
        False,
        "无职无权也要学，廉政文化建设需要全体干警参与。",
    ),
    (T, "检察人员配偶经商办企业的，应当按规定报告。", "个人事项报告", True, ""),
    (T, "执法过错责任追究只针对故意行为，不包括重大过失。", "执法过错", False, ""),
]

CLOSED_QUIZ = "2026年上半年廉政知识竞赛"
OPEN_QUIZ = "“廉洁从检”专题知识竞赛"


def _user(username):
    return User.objects.get(username=username)


def seed_bank(procuratorate, organiser):
    if Question.objects.filter(procuratorate=procuratorate).exists():
        return
    for kind, text, topic, options, explanation in BANK:
        choices = services.true_false_choices(options) if kind == T else list(options)
        services.question_save(
            actor=organiser,
            fields={
                "kind": kind,
                "text": text,
                "topic": topic,
                "explanation": explanation,
            },
            choices=choices,
        )


def _contest(procuratorate, organiser, title, **times):
    quiz = Quiz.objects.filter(procuratorate=procuratorate, title=title).first()
    if quiz is not None:
        return quiz, False
    quiz = services.quiz_save(
        actor=organiser,
        fields={
            "title": title,
            "description": "全院干警参加，闭卷作答，交卷后自动评分。",
            "duration_minutes": 15,
            "single_count": 5,
            "multiple_count": 3,
            "true_false_count": 5,
            "single_points": 4,
            "multiple_points": 6,
            "true_false_points": 2,
            **times,
        },
    )
    services.quiz_draw(actor=organiser, quiz=quiz)
    services.quiz_publish(actor=organiser, quiz=quiz)
    return quiz, True


def seed(procuratorate):
    organiser = _user("discipline.head")
    seed_bank(procuratorate, organiser)
    _seed_quizzes(procuratorate, organiser)
    _seed_plan(procuratorate, organiser)
    _seed_remarks(procuratorate)
    _seed_exemplars(procuratorate, organiser)
    _seed_essay_contest(procuratorate, organiser)


def _seed_quizzes(procuratorate, organiser):
    now = timezone.now()
    quiz, created = _contest(
        procuratorate,
        organiser,
        CLOSED_QUIZ,
        opens_at=now - datetime.timedelta(hours=2),
        closes_at=now + datetime.timedelta(days=1),
    )
    if created:
        participants = [
            "prosecution.staff1",
            "prosecution.staff2",
            "anti_corruption.staff1",
            "civil_administrative.staff1",
            "office.staff2",
            "political.staff1",
            "complaints.staff1",
        ]
        for i, username in enumerate(participants):
            user = _user(username)
            attempt = services.attempt_start(actor=user, quiz=quiz)
            answers = {}
            for qq in quiz.quiz_questions.prefetch_related("question__choices"):
                choices = list(qq.question.choices.all())
                right = [c.pk for c in choices if c.is_correct]
                wrong = [c.pk for c in choices if not c.is_correct][:1]
                # Each participant misses a different number of questions.
                answers[qq.pk] = wrong if (qq.order + i) % (i + 2) == 0 else right
            services.attempt_submit(actor=user, attempt=attempt, answers=answers)
        services.quiz_close(actor=organiser, quiz=quiz)
    _contest(
        procuratorate,
        organiser,
        OPEN_QUIZ,
        opens_at=now - datetime.timedelta(minutes=10),
        closes_at=now + datetime.timedelta(days=14),
    )


def _dept(procuratorate, code):
    return Department.objects.get(procuratorate=procuratorate, code=code)


def _seed_plan(procuratorate, organiser):
    """This year's plan, carrying the essay's three campaigns at once; submitted,
    so the procurator-general sees the overloaded weeks before approving."""
    today = timezone.localdate()
    year = today.year
    if IntegrityPlan.objects.filter(procuratorate=procuratorate, year=year).exists():
        return
    plan = services.plan_save(
        actor=organiser,
        fields={
            "year": year,
            "title": f"{year}年度廉政文化建设工作计划",
            "goals": "把廉政文化建设作为“主业”，与检察业务同部署、同落实、同考核；"
            "寓教于乐，全员参与，找身边的先进典型。",
        },
    )
    for title, source, start, end in [
        (
            "政法干警核心价值观教育实践活动",
            Campaign.Source.POLITICAL_LEGAL,
            (3, 1),
            (6, 30),
        ),
        ("干部作风集中整治活动", Campaign.Source.LOCAL_PARTY, (4, 1), (5, 31)),
        (
            "“永远热爱党 永远跟党走”主题教育实践活动",
            Campaign.Source.PROCURATORIAL,
            (5, 1),
            (7, 31),
        ),
        ("本院“清风检察”廉政文化月", Campaign.Source.OWN, (10, 1), (10, 31)),
    ]:
        services.campaign_save(
            actor=organiser,
            plan=plan,
            fields={
                "title": title,
                "source": source,
                "starts_on": datetime.date(year, *start),
                "ends_on": datetime.date(year, *end),
            },
        )
    discipline = _dept(procuratorate, "discipline")
    film = services.activity_save(
        actor=organiser,
        plan=plan,
        fields={
            "kind": ActivityKind.WARNING_FILM,
            "title": "观看警示教育片《镜鉴》",
            "held_on": today,
            "place": "四楼多功能厅",
            "organiser": discipline,
            "education_hours": 2,
        },
        audience=[
            _dept(procuratorate, code)
            for code in ("prosecution", "anti_corruption", "office")
        ],
    )
    present = [
        s.user_id
        for i, s in enumerate(services.audience_staff(film))
        if i % 5 != 4  # one in five missed it
    ]
    services.activity_record_attendance(
        actor=organiser, activity=film, present_user_ids=present
    )
    later = min(today + datetime.timedelta(days=14), datetime.date(year, 12, 31))
    lecture = services.activity_save(
        actor=organiser,
        plan=plan,
        fields={
            "kind": ActivityKind.LECTURE,
            "title": "廉政党课：公正必廉洁",
            "held_on": later,
            "place": "四楼多功能厅",
            "organiser": _dept(procuratorate, "political"),
            "education_hours": 1.5,
            "signup_required": True,
            "capacity": 60,
        },
    )
    for username in ("prosecution.staff1", "civil_administrative.staff1"):
        services.activity_signup(actor=_user(username), activity=lecture)
    services.activity_save(
        actor=organiser,
        plan=plan,
        fields={
            "kind": ActivityKind.BOOK_RECOMMENDATION,
            "title": "廉政图书推荐：《之江新语》读书分享",
            "held_on": later,
            "organiser": _dept(procuratorate, "political"),
            "education_hours": 1,
        },
    )
    services.plan_submit(actor=organiser, plan=plan)


def _seed_remarks(procuratorate):
    if Remark.objects.filter(procuratorate=procuratorate).exists():
        return
    receiver = _user("complaints.clerk")
    head = _user("discipline.head")
    inspector = _user("discipline.officer")
    today = timezone.localdate()
    closed = services.remark_record(
        actor=receiver,
        fields={
            "source_kind": Remark.SourceKind.LAWYER,
            "source_name": "广西某律师事务所 陈律师",
            "contact": "0774-1234567",
            "channel": Remark.Channel.LETTER,
            "received_on": today,
            "concerned_staff": _user("prosecution.staff2").staff,
            "content": "申请阅卷三次未获安排，承办人电话中态度生硬。",
        },
    )
    services.remark_assign(actor=head, remark=closed, assignee=inspector)
    services.remark_answer(
        actor=inspector,
        remark=closed,
        answer="经调阅阅卷登记和通话记录，阅卷安排确有延误；已当面向陈律师说明并致歉。",
        finding=Remark.Finding.PARTLY,
        measures="对承办人进行提醒谈话；案管中心完善阅卷预约制度。",
    )
    services.remark_close(actor=head, remark=closed)
    open_remark = services.remark_record(
        actor=receiver,
        fields={
            "source_kind": Remark.SourceKind.UNIT,
            "source_name": "长洲区某镇国土所",
            "channel": Remark.Channel.VISIT,
            "received_on": today,
            "concerned_department": _dept(procuratorate, "prevention"),
            "content": "反映预防回访时工作人员接受了单位安排的工作餐。",
        },
    )
    services.remark_assign(actor=head, remark=open_remark, assignee=inspector)


EXEMPLARS = [
    (
        "prosecution.staff1",
        "“案子办得慢一点，当事人就要多熬一天”",
        Exemplar.Quality.FAIRNESS,
        "去年他承办的一起交通肇事案，被害人家属情绪激动、多次来院。他利用周末三次上门，"
        "把证据和法律规定一条条讲清楚，最终双方达成和解。他常说：案子办得慢一点，"
        "当事人就要多熬一天。",
    ),
    (
        "complaints.staff1",
        "接访窗口的“老熟人”",
        Exemplar.Quality.SERVICE,
        "在控申窗口工作六年，她记得许多来访群众的名字。一位老人为工伤赔偿奔走多年，"
        "她帮着理清材料、联系法律援助，老人拿到赔偿后送来一面锦旗，她把锦旗挂在接待室，"
        "把老人硬塞的两斤茶叶按规定登记上交。",
    ),
]


def _seed_exemplars(procuratorate, organiser):
    for username, title, quality, story in EXEMPLARS:
        if Exemplar.objects.filter(procuratorate=procuratorate, title=title).exists():
            continue
        exemplar = services.exemplar_save(
            actor=organiser,
            fields={
                "staff": _user(username).staff,
                "title": title,
                "quality": quality,
                "story": story,
            },
        )
        services.exemplar_publish(actor=organiser, exemplar=exemplar)


def _seed_essay_contest(procuratorate, organiser):
    title = "“清风检察”廉政征文比赛"
    if JudgedContest.objects.filter(procuratorate=procuratorate, title=title).exists():
        return
    judges = [_user("pg"), _user("political.head"), _user("office.head")]
    contest = services.contest_save(
        actor=organiser,
        fields={
            "kind": JudgedContest.Kind.ESSAY,
            "title": title,
            "rules_text": "围绕“公正必廉洁”主题，体裁不限，2000字以内。",
            "entries_close_on": timezone.localdate(),
            "first_prizes": 1,
            "second_prizes": 1,
            "third_prizes": 2,
            "excellence_awards": 1,
        },
        criteria=[("思想内容", 50), ("文字表达", 30), ("创新性", 20)],
        judges=judges,
    )
    authors = [
        "prosecution.staff1",
        "anti_corruption.staff2",
        "civil_administrative.staff2",
        "research.staff1",
        "juvenile.staff1",
        "office.staff3",
    ]
    entries = [
        services.entry_submit(
            actor=_user(username),
            contest=contest,
            title=f"廉洁是司法公正的命脉（{i + 1}）",
            text="廉洁是司法公正的命脉，检察官手中的权力是人民赋予的……",
        )
        for i, username in enumerate(authors)
    ]
    services.contest_start_judging(actor=organiser, contest=contest)
    for j, judge in enumerate(judges):
        for i, entry in enumerate(entries):
            services.entry_score(
                actor=judge,
                entry=entry,
                scores={
                    c.pk: max(0, c.max_score - 3 * i - j - c.order)
                    for c in contest.criteria.all()
                },
            )
    services.contest_publish(actor=organiser, contest=contest)
