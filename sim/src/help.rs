//! What `--help` and `help VERB` print.

use crate::args::Verb;

pub const OVERVIEW: &str = "\
flowlab-sim: run, check and test Flowlab scenario files without a browser

Usage:
  flowlab-sim run [--summary] FILE     the trace (JSON Lines) on standard output
  flowlab-sim check FILE...            file and publish errors, by JSON path
  flowlab-sim test FILE...             run each file and check its \"expect\"
  flowlab-sim export bpmn FILE [--workflow ID]
                                       a workflow as BPMN 2.0 XML
  flowlab-sim export mermaid FILE [--workflow ID]
                                       a workflow as a Mermaid flowchart
  flowlab-sim import bpmn FILE.bpmn    a BPMN 2.0 file as a workflow file
  flowlab-sim help [VERB]              this text, or a verb's

FILE may be - for standard input. Files over 64 MiB are refused before
they are read. A UTF-8 byte-order mark is skipped; other non-UTF-8 input,
and a key written twice in one object, is an error naming where.

Options:
  -h, --help       print help (also after a verb: flowlab-sim run --help)
  -V, --version    print the version
  --               what follows is a file name, even if it starts with -

Exit codes:
  0  success (also when standard output is closed early, as by | head)
  1  an expectation failed (test)
  2  a file is unreadable or invalid, the engine refused to go on, or the
     command line is wrong

The file format is shared/spec/scenario-format.md.";

const RUN: &str = "\
flowlab-sim run [--summary] FILE

Runs the scenario to its run_until and writes its trace, one JSON object a
line, ending with the summary line. With --summary only the summary line is
written (faster: no event is kept). Exit code 0, or 2 if the file is
invalid or the engine stops with an error.";

const CHECK: &str = "\
flowlab-sim check FILE...

Reads each file and validates every workflow in it as publish would.
Errors and warnings go to standard error as FILE: PATH: level: message;
a valid file prints FILE: ok (...). Exit code 2 if any file has an error.";

const TEST: &str = "\
flowlab-sim test FILE...

Runs each file and checks its \"expect\" entries against the trace. A
failure shows the expectation and the trace lines nearest to it. Exit code
1 if an expectation failed, 2 if a file is invalid, else 0.";

const EXPORT: &str = "\
flowlab-sim export bpmn FILE [--workflow ID]
flowlab-sim export mermaid FILE [--workflow ID]

Writes one workflow of FILE (a scenario file, or a workflow file) as BPMN
2.0 XML on standard output: the draft as written, with Zeebe's extensions
and a Flowlab extension for what BPMN has no place for (docs/bpmn.md).
With mermaid, a Mermaid `flowchart LR` instead: the steps by name, the
links labelled with their ports, for docs and READMEs.
--workflow picks the workflow when the file has more than one. Exit code
2 if the file is invalid or the workflow is not in it.";

const IMPORT: &str = "\
flowlab-sim import bpmn FILE.bpmn

Reads a BPMN 2.0 file with one process and writes it as a workflow file
(JSON) on standard output. An element Flowlab has no equivalent for is
refused with its id and the reason (docs/bpmn.md lists the subset), and
nothing is written. Exit code 2 then.";

pub fn text(verb: Option<Verb>) -> &'static str {
    match verb {
        None => OVERVIEW,
        Some(Verb::Run) => RUN,
        Some(Verb::Check) => CHECK,
        Some(Verb::Test) => TEST,
        Some(Verb::Export) => EXPORT,
        Some(Verb::Import) => IMPORT,
    }
}
