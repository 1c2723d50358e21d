// `site-gen serve` for the browser tests and the edit-loop benchmark: the
// release binary on a copy of content/ (so edits never touch the
// repository), on a free port of 127.0.0.1, stopped by its own pid, its
// temporary folder removed when stopped.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repo } from "./harness.mjs";

/** The release binary of site-gen, built if needed. */
export function siteGen() {
  execFileSync("cargo", ["build", "-q", "--release", "-p", "site-gen"], { cwd: repo, stdio: ["ignore", "ignore", "inherit"] });
  return join(process.env.CARGO_TARGET_DIR || join(repo, "target"), "release", "site-gen");
}

/**
 * Starts `site-gen serve` on a fresh copy of content/; resolves once it
 * serves, with its base URL, folders, and what it has printed so far.
 */
export async function startServe() {
  const bin = siteGen();
  const dir = mkdtempSync(join(tmpdir(), "serve-"));
  const content = join(dir, "content");
  cpSync(join(repo, "content"), content, { recursive: true });
  const output = join(dir, "public");
  const child = spawn(bin, ["serve", "--port", "0", "--content", content, "--theme", join(repo, "themes/default"), "--output", output], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  const log = { out: "", err: "" };
  child.stdout.setEncoding("utf8").on("data", (d) => (log.out += d));
  child.stderr.setEncoding("utf8").on("data", (d) => (log.err += d));
  const base = await new Promise((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`serve did not start:\n${log.out}\n${log.err}`)), 60000);
    child.stdout.on("data", () => {
      const m = log.out.match(/serving (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) {
        clearTimeout(timer);
        ok(m[1]);
      }
    });
    child.on("exit", (code) => fail(new Error(`serve exited (${code}):\n${log.out}\n${log.err}`)));
  });
  return {
    bin,
    base,
    dir,
    content,
    output,
    log,
    /** Stops the server and removes its folder. */
    stop: () =>
      new Promise((ok) => {
        if (child.exitCode !== null) return ok();
        child.once("exit", () => ok());
        child.kill("SIGTERM");
      }).then(() => rmSync(dir, { recursive: true, force: true })),
  };
}
