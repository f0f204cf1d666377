"""Every test plans with the clock off (planner.optimise.solve.plan_project): a plan is then
decided by its work budget alone, so no test depends on how busy the machine is. The
children the app starts inherit the setting."""

import os

os.environ["LOCPLAN_CLOCK"] = "off"
