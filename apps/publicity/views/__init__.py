"""Views of 信息宣传: thin — parse, check permission, call a service or selector."""
