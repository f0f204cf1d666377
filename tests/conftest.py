"""Every test plans with the clock off (planner.optimise.solve.plan_project): a plan is then
decided by its work budget alone, so no test depends on how busy the machine is. The
children the app starts inherit the setting. The log files of the app and of `locplan` (the
ones the tests start too) go to a temporary folder, never the user's (planner/logs.py)."""

import atexit
import os
import shutil
import tempfile

os.environ["LOCPLAN_CLOCK"] = "off"
_LOGS = tempfile.mkdtemp(prefix="locplan-test-logs-")
os.environ["LOCPLAN_LOG_DIR"] = _LOGS
atexit.register(shutil.rmtree, _LOGS, True)
