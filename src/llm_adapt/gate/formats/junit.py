"""JUnit XML: one testcase per proposal, as CI test reporters (GitLab, Jenkins, Azure) read it.

Two flavours. `jenkins` (the default) is valid against Jenkins' junit-10.xsd, the schema
pytest validates its own `xunit2` reports with: a testcase has only `name`, `classname` and
`time` (the proposal's file and row are in the name), `<testsuites>` only its counts.
`pytest` is the layout of pytest's default `xunit1` reports: `file` and `line` on each
testcase, which some reporters (GitLab's among them) show as a link to the file.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from llm_adapt.escape import defuse
from llm_adapt.gate.core import GateReport, Status, Verdict
from llm_adapt.gate.formats.interface import CheckRenderOptions

SUITE = "llm-adapt check"
FLAVORS = ("jenkins", "pytest")
# Characters XML 1.0 cannot hold at all; a proposal's text must not make the report unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _details(verdict: Verdict) -> str:
    return "\n".join(f"{f.location}: {f.level} [{f.rule}] {f.message}" for f in verdict.findings)


def _testcase(parent: ET.Element, verdict: Verdict, flavor: str) -> None:
    name = verdict.source if verdict.project is None else f"{verdict.source} ({verdict.project})"
    case = ET.SubElement(parent, "testcase", {
        "classname": "llm-adapt.check",
        "name": clean(name),
        "time": "0",
    })
    if flavor == "pytest":
        case.set("file", clean(verdict.file))
        if verdict.row is not None:
            case.set("line", str(verdict.row))
    errors = [f for f in verdict.findings if f.level == "error"]
    if verdict.status is Status.ERROR:
        tag = "error"
    elif verdict.status is Status.FAIL:
        tag = "failure"
    else:
        tag = ""
    if tag:
        element = ET.SubElement(case, tag, {"message": clean(verdict.summary),
                                            "type": errors[0].rule if errors else tag})
        element.text = clean(_details(verdict))
    else:
        out = ET.SubElement(case, "system-out")
        out.text = clean(_details(verdict) or verdict.summary)


class JUnitRenderer:
    def render(self, report: GateReport, options: CheckRenderOptions) -> str:
        counts = {
            "tests": str(len(report.verdicts)),
            "failures": str(report.count(Status.FAIL)),
            "errors": str(report.count(Status.ERROR)),
        }
        # `skipped` belongs to a testsuite only (junit-10.xsd); nothing is ever skipped.
        root = ET.Element("testsuites", {"name": SUITE, **counts, "time": "0"})
        suite = ET.SubElement(root, "testsuite",
                              {"name": SUITE, **counts, "skipped": "0", "time": "0"})
        properties = ET.SubElement(suite, "properties")
        for key, value in (("tolerance", f"{report.options.tolerance:g}"),
                           ("strict", str(report.options.strict).lower()),
                           ("require-complete", str(report.options.require_complete).lower()),
                           ("min-confidence", report.options.min_confidence),
                           ("version", options.version)):
            ET.SubElement(properties, "property", {"name": key, "value": value})
        for verdict in report.verdicts:
            _testcase(suite, verdict, options.junit_flavor)
        ET.indent(root)
        return defuse('<?xml version="1.0" encoding="UTF-8"?>\n'
                      + ET.tostring(root, encoding="unicode") + "\n", "xml")
