// npm's preinstall: warns, before the long install, when a fresh machine could not build the SQLite driver.
// better-sqlite3 downloads a prebuilt binary when its host is reachable and compiles one otherwise.
import { spawnSync } from "node:child_process";

const tools = [
  ["python3", "python3"],
  ["make", "make"],
  ["a C++ compiler", "g++ || command -v c++ || command -v clang++"],
];
const missing = tools.filter(([, probe]) => spawnSync("sh", ["-c", `command -v ${probe}`], { stdio: "ignore" }).status !== 0).map(([name]) => name);
if (missing.length > 0) {
  process.stderr.write(
    [
      "",
      `Switchboard: ${missing.join(", ")} missing on this machine.`,
      "The SQLite driver (better-sqlite3) is compiled here when its prebuilt binary cannot be downloaded,",
      "and compiling needs python3, make and a C++ compiler. On Debian or Ubuntu:",
      "  sudo apt-get install -y python3 make g++",
      "",
    ].join("\n"),
  );
}
