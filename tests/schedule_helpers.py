"""A year-long journey for tests of schedules, agendas, calendars and the manager's page:
a recurring intervision in three groups (one meets a day later, one online at its own time
with a cancelled meeting), a monthly coaching hour with one meeting moved, a weekly joint
call fixed at 16:00 Amsterdam time for a cohort in Amsterdam and one in New York, an intake
before the start, a deadline, an open period and a manager's part."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from site_helpers import make_project, run_build

STAMP = "1800000000"  # SOURCE_DATE_EPOCH of the test builds: 2027-01-15 08:00 UTC

YEAR_JOURNEY = """\
id: year-programme
title: A year of intervision
summary: Intervision groups, coaching and a joint call over a year.
language: en
goals:
  - id: growth
    title: People grow at work
objectives:
  - id: reflect
    title: You reflect with peers
    supports: [growth]
phases:
  pre:
    activities:
      - id: intake
        title: Intake with your manager
        type: assignment
        task: Talk about your learning goal with your manager.
        week: 0
        duration: 30m
        objectives: [reflect]
        manager_note: Plan half an hour with your employee to agree on a learning goal.
  learn:
    activities:
      - id: intervision
        title: Intervision
        type: intervision
        duration: 2h
        per_group: true
        week: 1
        objectives: [reflect]
        sessions:
          - id: ivs
            day: 3
            start: "14:00"
            end: "16:00"
            repeat: { every: 6w, count: 8 }
      - id: coaching
        title: Coaching hour
        type: coaching
        coach: Pool of coaches
        duration: 1h
        week: 1
        objectives: [reflect]
        sessions:
          - id: coach
            day: 10
            start: "09:00"
            end: "10:00"
            location: Coaching room
            repeat: { every: 4w, count: 12 }
      - id: joint-call
        title: Joint call
        type: workshop
        duration: 1h
        week: 1
        objectives: [reflect]
        sessions:
          - id: call
            day: 1
            start: "16:00"
            end: "17:00"
            timezone: Europe/Amsterdam
            url: https://meet.example.com/joint
            repeat: { every: 1w, count: 10 }
  post:
    activities:
      - id: case
        title: Write up a case
        type: assignment
        task: Describe one case from your work.
        week: 4
        due_week: 6
        duration: 1h
        objectives: [reflect]
      - id: after-intervision
        title: After each intervision
        type: reflection
        after: intervision
        prompts: [What did you take away?]
        feedback:
          from: [manager, peer]
          request: Could you tell me what you noticed?
        week: 2
        duration: 15m
        objectives: [reflect]
      - id: portfolio
        title: Your portfolio
        type: portfolio
        instructions: Gather evidence per objective.
        evidence_for: [reflect]
        discuss_with: manager
        week: 1
        until_week: 48
        duration: 2h
        objectives: [reflect]
cohorts:
  - id: ams
    title: Amsterdam 2027
    start: "2027-03-01"
    timezone: Europe/Amsterdam
    capacity: 18
    enrolment_deadline: "2027-02-15"
    sessions:
      coach-3: { date: "2027-05-04", start: "13:00", end: "14:00" }
    groups:
      - { id: a, title: Group A, location: Room A, facilitator: Ann }
      - { id: b, title: Group B, location: Room B, facilitator: Bob, shift_days: 1 }
      - id: c
        title: Group C
        url: https://meet.example.com/c
        facilitator: Cas
        start: "10:00"
        end: "12:00"
        sessions:
          ivs-2: { cancelled: true }
  - id: nyc
    title: New York 2027
    start: "2027-03-01"
    timezone: America/New_York
"""


def build_year(root: Path, monkeypatch: Any, stamp: str = STAMP) -> Path:
    """A real MkDocs build of the year-long journey; returns the site folder."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", stamp)
    config = make_project(root, {"year.yaml": YEAR_JOURNEY})
    run_build(config)
    return root / "site"
