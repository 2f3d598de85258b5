"""Demo organisation: a city procuratorate and one basic-level procuratorate under it.

Idempotent: rows are found by their codes and usernames and brought up to date.
Business apps add their own demo records in `apps/<app>/demo.py` with a
`seed(procuratorate)` function, which `seed_demo` calls after this one.
"""

from django.contrib.auth.hashers import make_password
from django.db import transaction

from .models import Department, Procuratorate, Role, Staff, User

DEMO_PASSWORD = "Demo@2026pass"

CITY = {
    "code": "wz-city",
    "name": "梧州市人民检察院",
    "short_name": "梧州市院",
    "level": Procuratorate.Level.PREFECTURAL,
    "case_number_prefix": "梧检",
}
BASIC = {
    "code": "wz-changzhou",
    "name": "梧州市长洲区人民检察院",
    "short_name": "长洲区院",
    "level": Procuratorate.Level.BASIC,
    "case_number_prefix": "长检",
}

B, C = Department.Kind.BUSINESS, Department.Kind.COMPREHENSIVE
# code, name, kind, overseeing deputy (index into DEPUTIES), extra staff
DEPARTMENTS = [
    ("office", "办公室", C, 0, 3),
    ("political", "政治处", C, 0, 2),
    ("prosecution", "公诉科", B, 1, 3),
    ("investigation_supervision", "侦查监督科", B, 1, 2),
    ("anti_corruption", "反贪污贿赂局", B, 2, 3),
    ("anti_malfeasance", "反渎职侵权局", B, 2, 2),
    ("civil_administrative", "民事行政检察科", B, 1, 2),
    ("custody_supervision", "监所检察科", B, 2, 1),
    ("complaints", "控告申诉检察科", B, 1, 1),
    ("prevention", "职务犯罪预防科", B, 2, 1),
    ("discipline", "纪检监察室", C, 0, 1),
    ("technology", "技术科", C, 0, 1),
    ("committee_office", "检察委员会办公室", C, 0, 0),
    ("case_management", "案件管理中心", B, 1, 1),
    ("research", "研究室", C, 0, 1),
    ("judicial_police", "司法警察大队", C, 2, 1),
    ("finance", "计划财务装备科", C, 0, 1),
    ("juvenile", "未成年人检察科", B, 1, 1),
    ("appraisal_office", "绩效考评办公室", C, 0, 0),
    ("archives", "档案室", C, 0, 0),
]

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹"
    "彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金"
    "石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵"
    "万钱严覃武戴莫孔向汤"
)
GIVEN = [
    "建国",
    "海燕",
    "志强",
    "丽华",
    "文杰",
    "秀英",
    "晓东",
    "雪梅",
    "国平",
    "丹丹",
    "子涵",
    "明辉",
    "佳怡",
    "永红",
    "伟",
    "静",
    "磊",
    "敏",
    "超",
    "婷",
    "鹏",
    "芳",
    "宇航",
    "思远",
    "春生",
    "玉兰",
    "振华",
    "慧敏",
    "立新",
    "红梅",
    "俊杰",
    "晓燕",
]


_hash_cache = {}


def _demo_password_hash():
    if "hash" not in _hash_cache:
        _hash_cache["hash"] = make_password(DEMO_PASSWORD)
    return _hash_cache["hash"]


class _Names:
    def __init__(self):
        self.n = 0

    def next(self):
        name = SURNAMES[self.n % len(SURNAMES)] + GIVEN[(self.n * 7) % len(GIVEN)]
        self.n += 1
        return name


def _person(procuratorate, username, name, department, position, roles, logins):
    user, created = User.objects.get_or_create(username=username)
    if created or not user.has_usable_password():
        # One hash for every demo account: hashing 90 times would take half a minute.
        user.password = _demo_password_hash()
    user.is_active = True
    user.save()
    staff, _ = Staff.objects.update_or_create(
        user=user,
        defaults={
            "procuratorate": procuratorate,
            "department": department,
            "name": name,
            "position": position,
            "roles": [str(r) for r in roles],
        },
    )
    staff.full_clean()
    logins.append(
        (
            username,
            name,
            department.name if department else "",
            staff.get_roles_display(),
        )
    )
    return staff


@transaction.atomic
def seed_organisation():
    """Create or update the demo organisation; return (basic procuratorate, logins)."""
    city, _ = Procuratorate.objects.update_or_create(code=CITY["code"], defaults=CITY)
    basic, _ = Procuratorate.objects.update_or_create(
        code=BASIC["code"], defaults={**BASIC, "parent": city}
    )
    names = _Names()
    logins = []

    departments = {}
    for order, (code, name, kind, _deputy, _extra) in enumerate(DEPARTMENTS):
        departments[code], _ = Department.objects.update_or_create(
            procuratorate=basic,
            code=code,
            defaults={
                "name": name,
                "kind": kind,
                "sort_order": order,
                "is_active": True,
            },
        )

    _person(
        basic,
        "pg",
        "王英杰",
        None,
        "检察长、党组书记",
        [Role.PROCURATOR_GENERAL],
        logins,
    )
    deputies = [
        _person(
            basic,
            f"deputy{i + 1}",
            name,
            None,
            "副检察长、党组成员",
            [Role.DEPUTY_PROCURATOR_GENERAL],
            logins,
        )
        for i, name in enumerate(["沈德成", "张太双", "李季"])
    ]
    for code, _name, _kind, deputy, extra in DEPARTMENTS:
        dept = departments[code]
        dept.deputy = deputies[deputy]
        dept.save(update_fields=["deputy"])
        head_roles = [Role.DEPARTMENT_HEAD]
        extra_role = {
            "office": Role.OFFICE_REVIEWER,
            "committee_office": Role.COMMITTEE_OFFICE,
            "appraisal_office": Role.APPRAISAL_OFFICE,
        }.get(code)
        if extra_role:
            head_roles.append(extra_role)
        _person(
            basic,
            f"{code}.head",
            names.next(),
            dept,
            f"{dept.name}负责人",
            head_roles,
            logins,
        )
        if code in ("committee_office", "appraisal_office", "archives"):
            role = {
                "committee_office": Role.COMMITTEE_OFFICE,
                "appraisal_office": Role.APPRAISAL_OFFICE,
            }.get(code)
            _person(
                basic,
                f"{code}.staff1",
                names.next(),
                dept,
                "干警",
                [role] if role else [],
                logins,
            )
            continue
        _person(
            basic,
            f"{code}.officer",
            names.next(),
            dept,
            "信息员",
            [Role.INFORMATION_OFFICER],
            logins,
        )
        _person(
            basic,
            f"{code}.clerk",
            names.next(),
            dept,
            "内勤",
            [Role.DEPARTMENT_CLERK],
            logins,
        )
        for i in range(extra):
            roles = [Role.OFFICE_REVIEWER] if code == "office" and i == 0 else []
            _person(
                basic,
                f"{code}.staff{i + 1}",
                names.next(),
                dept,
                "检察员" if i % 2 == 0 else "助理检察员",
                roles,
                logins,
            )
    technology = departments["technology"]
    for username, role, name in [
        ("sysadmin", Role.SYSTEM_ADMIN, "系统管理员"),
        ("secadmin", Role.SECURITY_ADMIN, "安全管理员"),
        ("auditadmin", Role.AUDIT_ADMIN, "审计管理员"),
    ]:
        _person(basic, username, names.next(), technology, name, [role], logins)

    # The city procuratorate: its own office, so scoping has a neighbour to hide.
    city_office, _ = Department.objects.update_or_create(
        procuratorate=city, code="office", defaults={"name": "办公室", "kind": C}
    )
    _person(
        city, "city.pg", "赵明远", None, "检察长", [Role.PROCURATOR_GENERAL], logins
    )
    _person(
        city,
        "city.office.head",
        "钱文华",
        city_office,
        "办公室主任",
        [Role.DEPARTMENT_HEAD, Role.OFFICE_REVIEWER],
        logins,
    )
    return basic, logins
