"""Build appraisal data the way users do: by calling the services."""

import datetime
from decimal import Decimal

from apps.appraisal.models import (
    Checkpoint,
    DepartmentPlan,
    Direction,
    Indicator,
    Measure,
    Target,
)
from apps.appraisal.services.cycles import (
    cycle_create,
    cycle_launch,
    goal_save,
    indicator_save,
)
from apps.appraisal.services.plans import (
    individual_targets_issue,
    plan_propose,
    plan_review,
    plans_approve,
    plans_submit,
)
from apps.appraisal.services.progress import progress_report_save
from apps.appraisal.services.targets import (
    department_target_save,
    individual_target_save,
)

D = Decimal


def make_cycle(office_user, name="2026年度", **rules):
    return cycle_create(
        actor=office_user,
        name=name,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
        **rules,
    )


def make_indicators(office_user):
    existing = {
        i.code: i
        for i in Indicator.objects.filter(
            procuratorate_id=office_user.staff.procuratorate_id
        )
    }
    if {"cases", "no_arrest_rate", "team"} <= existing.keys():
        return {
            "count": existing["cases"],
            "rate": existing["no_arrest_rate"],
            "quality": existing["team"],
        }
    count = indicator_save(
        actor=office_user,
        code="cases",
        name="审结案件数",
        measure=Measure.QUANTITATIVE,
        unit="件",
        direction=Direction.HIGHER,
    )
    rate = indicator_save(
        actor=office_user,
        code="no_arrest_rate",
        name="不捕率",
        measure=Measure.QUANTITATIVE,
        unit="%",
        direction=Direction.LOWER,
        is_rate=True,
        numerator_label="不捕人数",
        numerator_source="侦查监督科统计台账",
        denominator_label="审查逮捕人数",
        denominator_source="公安机关提请逮捕人数",
        partly_outside_control=True,
    )
    quality = indicator_save(
        actor=office_user,
        code="team",
        name="队伍建设",
        measure=Measure.QUALITATIVE,
    )
    return {"count": count, "rate": rate, "quality": quality}


def plan_of(cycle, department):
    return DepartmentPlan.objects.get(cycle=cycle, department=department)


def checkpoints(cycle):
    return list(Checkpoint.objects.filter(cycle=cycle).order_by("due_date"))


class Scenario:
    """A small procuratorate's year: two goals, three departments, shared work.

    Goals: G1 执法办案 (weight 70), G2 队伍建设 (weight 30).
    Under G1: prosecution "审结案件" (count 100, weight 60, shared with the
    second business department 20%), second department "不捕率" (rate ≤ 10%,
    weight 40). Under G2: office "队伍建设" (qualitative, weight 100).
    """

    def __init__(self, people, office, prosecution, second, second_head):
        self.people, self.office, self.prosecution = people, office, prosecution
        self.second, self.second_head = second, second_head
        self.ao, self.pg = people["appraisal_office"], people["pg"]

    def set_up(self, **rules):
        p = self.people
        self.cycle = make_cycle(self.ao, **rules)
        self.ind = make_indicators(self.ao)
        cycle_launch(actor=self.ao, cycle=self.cycle)
        self.g1 = goal_save(
            actor=self.ao, cycle=self.cycle, code="1", title="执法办案", weight=70
        )
        self.g2 = goal_save(
            actor=self.ao, cycle=self.cycle, code="2", title="队伍建设", weight=30
        )
        self.pros_plan = plan_of(self.cycle, self.prosecution)
        self.second_plan = plan_of(self.cycle, self.second)
        self.office_plan = plan_of(self.cycle, self.office)
        self.cases = department_target_save(
            actor=p["head"],
            plan=self.pros_plan,
            parent=self.g1,
            indicator=self.ind["count"],
            title="审结公诉案件",
            weight=60,
            target_value=D("100"),
            cooperating=[(self.second, D("20"))],
        )
        self.rate = department_target_save(
            actor=self.second_head,
            plan=self.second_plan,
            parent=self.g1,
            indicator=self.ind["rate"],
            title="不捕率控制",
            weight=40,
            target_value=D("10"),
        )
        self.team = department_target_save(
            actor=p["office_head"],
            plan=self.office_plan,
            parent=self.g2,
            indicator=self.ind["quality"],
            title="队伍建设",
            weight=100,
            nature="process",
        )
        return self

    def approve_all(self):
        for plan, head in [
            (self.pros_plan, self.people["head"]),
            (self.second_plan, self.second_head),
            (self.office_plan, self.people["office_head"]),
        ]:
            plan_propose(actor=head, plan=plan)
            plan_review(actor=self.ao, plan=plan)
        plans_submit(actor=self.ao, cycle=self.cycle)
        plans_approve(
            actor=self.pg, cycle=self.cycle, decision_reference="2026年第2次党组会议"
        )
        for t in ("cases", "rate", "team", "g1", "g2"):
            setattr(self, t, Target.objects.get(pk=getattr(self, t).pk))
        return self

    def staff_targets(self):
        p = self.people
        self.staff_case = individual_target_save(
            actor=p["head"],
            plan=self.pros_plan,
            parent=self.cases,
            staff=p["staff"].staff,
            indicator=self.ind["count"],
            title="个人审结案件",
            weight=60,
            target_value=D("50"),
        )
        self.head_case = individual_target_save(
            actor=p["head"],
            plan=self.pros_plan,
            parent=self.cases,
            staff=p["head"].staff,
            indicator=self.ind["count"],
            title="科长审结案件",
            weight=40,
            target_value=D("30"),
        )
        individual_targets_issue(actor=p["head"], plan=self.pros_plan)
        self.staff_case.refresh_from_db()
        self.head_case.refresh_from_db()
        return self

    def report(self, target, actor, checkpoint_index=3, **values):
        cp = checkpoints(self.cycle)[checkpoint_index]
        return progress_report_save(
            actor=actor, target=target, checkpoint=cp, evidence="统计报表", **values
        )
