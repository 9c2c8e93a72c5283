"""The command line's messages in Chinese and English: one small catalogue.

The language is ``--lang`` when given, else Chinese when the environment asks
for it (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES`` or ``LANG`` starting with
``zh``, e.g. ``LANG=zh_CN.UTF-8``), else English.

Examples
--------
>>> message("wrote", lang="zh", path="exports/plans.csv")
'已写入 exports/plans.csv'
>>> message("wrote", lang="en", path="exports/plans.csv")
'wrote exports/plans.csv'
>>> cli_lang(None, environ={"LANG": "zh_CN.UTF-8"}), cli_lang("en", environ={"LANG": "zh_CN.UTF-8"})
('zh', 'en')
>>> cli_lang(None, environ={"LANG": "C.UTF-8"})
'en'
"""

from __future__ import annotations

import os
from collections.abc import Mapping

__all__ = ["MESSAGES", "cli_lang", "message"]

#: key -> (zh, en); fields in braces are filled in by :func:`message`.
MESSAGES: dict[str, tuple[str, str]] = {
    "description": ("jxplan：2016年嘉兴市深化接轨上海工作实施方案的数据、地图与笔记本",
                    "jxplan: the 2016 Jiaxing plan for linking with Shanghai as data, maps and "
                    "notebooks"),
    "help.validate": ("检查数据文件夹", "check the data folder"),
    "help.datapackage": ("根据 jxplan.meta 写出 data/datapackage.json 和数据字典",
                         "write data/datapackage.json and the data dictionary from jxplan.meta"),
    "help.figures": ("输出报告图件", "write the report figures"),
    "help.export": ("导出全部数据表，供 GIS、电子表格或数据用户使用",
                    "write every table for GIS, spreadsheet or data users"),
    "help.parse": ("把规划文件（PDF、DOCX、网页或任意常见编码的文本）读入 jxplan 的 CSV 表",
                   "read a plan document (PDF, DOCX, HTML, text) into jxplan's CSV tables"),
    "help.lang": ("信息语言：zh 或 en（默认按环境变量 LANG）",
                  "language of the messages: zh or en (default: from $LANG)"),
    "help.encoding": ("CSV 的编码：utf-8（默认）或 utf-8-sig（带 BOM，Excel 直接打开不乱码）",
                      "CSV encoding: utf-8 (default) or utf-8-sig (with a BOM, so that Excel "
                      "opens it without garbling)"),
    "wrote": ("已写入 {path}", "wrote {path}"),
    "up_to_date": ("{name} 已是最新", "{name} is up to date"),
    "out_of_date": ("{name} 已过期：请运行 `make datapackage`",
                    "{name} is out of date: run `make datapackage`"),
    "error": ("jxplan {command} 出错：{error}", "jxplan {command}: {error}"),
    "bom_only_csv": ("--encoding utf-8-sig 只适用于 --format csv",
                     "--encoding utf-8-sig applies to --format csv only"),
}


def message(key: str, *, lang: str, **fields: object) -> str:
    """Return the message ``key`` in ``lang`` ("zh" or "en") with ``fields`` filled in."""
    zh, en = MESSAGES[key]
    return (zh if lang == "zh" else en).format(**fields)


def cli_lang(explicit: str | None = None, *, environ: Mapping[str, str] | None = None) -> str:
    """The language of the command line's messages: ``explicit``, else from the environment."""
    if explicit in ("zh", "en"):
        return explicit
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "").strip()
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"
