//! The `site-gen` command: parse arguments, call the library, report.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(name = "site-gen", version, about = "Build the application-call site from content/ and a theme")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check everything, then write the site to the output folder.
    Build(Paths),
    /// Check everything `build` checks, writing nothing.
    Check(Paths),
    /// Build, serve the site on this computer, and rebuild and reload the
    /// open pages whenever content/ or the theme changes. A failed build
    /// shows its problems in the browser until it is fixed.
    Serve(Serve),
    /// Re-check submitted JSON files (exports, or bare objects of answers)
    /// with the same engine the form pages run. Exit code 0 when every file
    /// is complete, 1 when any has errors, 2 when a file cannot be read or
    /// names no known form.
    Validate {
        /// Export files (`form-export/1`) or objects of field id → value.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Print JSON for machines instead of text.
        #[arg(long)]
        json: bool,
        /// Folder holding forms/ and data/.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// For the provincial department: every 2.1 and applicant file under
    /// the paths, re-checked, as one spreadsheet (申报对象, 推荐单位 with
    /// quota, 问题). Exit code 0 when all are complete and within quota, 1
    /// for problems, 2 when a file cannot be read.
    Report {
        /// Files, or folders searched for .json files.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The spreadsheet to write (.xlsx).
        #[arg(long)]
        xlsx: PathBuf,
        /// Also the applicants table as CSV (UTF-8).
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Folder holding forms/ and data/.
        #[arg(long, default_value = "content")]
        content: PathBuf,
    },
    /// Write each submitted JSON file's official document (the form as its
    /// template prints it, filled) as one self-contained HTML page, named
    /// like the export, for printing many at once. Exit codes as `validate`.
    Print(Documents),
    /// Write each submitted JSON file's official document as a Word file
    /// (.docx) in the template's layout, named like the export, to edit in
    /// WPS or Word. Exit codes as `validate`.
    Docx(Documents),
}

/// Submitted files and where their documents go.
#[derive(Args)]
struct Documents {
    /// Export files (`form-export/1`) or objects of field id → value.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Folder to write the documents to (created if missing).
    #[arg(long)]
    output: PathBuf,
    /// Folder holding forms/ and data/.
    #[arg(long, default_value = "content")]
    content: PathBuf,
}

#[derive(Args)]
struct Paths {
    /// Folder of Markdown pages, form definitions and site.yaml.
    #[arg(long, default_value = "content")]
    content: PathBuf,
    /// Theme folder with templates/ and static/.
    #[arg(long, default_value = "themes/default")]
    theme: PathBuf,
    /// Output folder; replaced whole on each build, once every file is written.
    #[arg(long, default_value = "public")]
    output: PathBuf,
}

#[derive(Args)]
struct Serve {
    #[command(flatten)]
    paths: Paths,
    /// Port to listen on (0: any free port, printed when serving).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// Address to listen on. The default serves this computer only; give
    /// 0.0.0.0 (or a network address) to let other computers in deliberately.
    #[arg(long, default_value = "127.0.0.1")]
    bind: std::net::IpAddr,
}

impl From<Paths> for site_gen::Options {
    fn from(p: Paths) -> Self {
        site_gen::Options { content_dir: p.content, theme_dir: p.theme, output_dir: p.output }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Command::Validate { files, json, content } = &cli.command {
        return validate(files, *json, content);
    }
    if let Command::Print(d) = &cli.command {
        return print(d, site_gen::print::Format::Html);
    }
    if let Command::Docx(d) = &cli.command {
        return print(d, site_gen::print::Format::Docx);
    }
    if let Command::Report { paths, xlsx, csv, content } = &cli.command {
        return report(paths, xlsx, csv.as_deref(), content);
    }
    if let Command::Serve(s) = cli.command {
        return serve(s);
    }
    let result = match cli.command {
        Command::Build(paths) => {
            let opts: site_gen::Options = paths.into();
            match site_gen::build(&opts) {
                Ok(summary) => Ok(format!("built {summary} → {}", opts.output_dir.display())),
                Err(site_gen::BuildError::Invalid(problems)) => Err(problems),
                Err(site_gen::BuildError::Write(problems)) => return write_failed(&opts, &problems),
            }
        }
        Command::Check(paths) => site_gen::check(&paths.into())
            .map(|site| format!("ok: {} pages, {} forms, {} files", site.pages, site.forms, site.files)),
        Command::Validate { .. }
        | Command::Report { .. }
        | Command::Print(_)
        | Command::Docx(_)
        | Command::Serve(_) => return ExitCode::from(2),
    };
    match result {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(problems) => {
            eprintln!("{problems}");
            let n = problems.0.len();
            eprintln!("error: {n} problem{} found; nothing was written", if n == 1 { "" } else { "s" });
            ExitCode::FAILURE
        }
    }
}

/// The write stage of `build` failed: its problems end with what was left
/// in the output folder, so nothing here claims more than that.
fn write_failed(opts: &site_gen::Options, problems: &site_gen::Problems) -> ExitCode {
    eprintln!("{problems}");
    eprintln!("error: the site could not be written to {}", opts.output_dir.display());
    ExitCode::FAILURE
}

/// `serve`: what happens is said on stdout, problems on stderr, as `build` does.
fn serve(s: Serve) -> ExitCode {
    use site_gen::serve::Event;
    let addr = std::net::SocketAddr::new(s.bind, s.port);
    let opts: site_gen::Options = s.paths.into();
    let output = opts.output_dir.clone();
    if !s.bind.is_loopback() {
        eprintln!("warning: serving on {} lets other computers on the network read the site", s.bind);
    }
    let changed_list = |changed: &[std::path::PathBuf]| match changed {
        [] => String::new(),
        [one] => format!("{} changed: ", one.display()),
        many => format!("{} files changed: ", many.len()),
    };
    let result = site_gen::serve::run(&opts, addr, move |event| match event {
        Event::Serving(at) => {
            println!("serving http://{at}/ (the site is built in {}); Ctrl+C stops", output.display());
        }
        Event::Built { summary, changed } => println!("{}built {summary}", changed_list(changed)),
        Event::Failed { problems, changed } => {
            eprintln!("{problems}");
            let n = problems.0.len();
            eprintln!(
                "{}error: {n} problem{} found; the browser shows {} until fixed",
                changed_list(changed),
                if n == 1 { "" } else { "s" },
                if n == 1 { "it" } else { "them" }
            );
        }
        Event::WatchError(why) => eprintln!("warning: watching for changes: {why}"),
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(problems) => {
            eprintln!("{problems}");
            ExitCode::FAILURE
        }
    }
}

/// The forms of `content` as engines, or the reason said on stderr.
fn engines(content: &std::path::Path) -> Result<Vec<form_wasm::api::Engine>, ExitCode> {
    site_gen::validate::engines(content).map_err(|why| {
        eprintln!("error: {why}");
        ExitCode::from(2)
    })
}

/// Each file is reported as soon as it is checked and then dropped; only
/// the exit code is kept. Reports go to stdout, files that cannot be used
/// to stderr (and, with --json, into the array too).
fn validate(files: &[PathBuf], json: bool, content: &std::path::Path) -> ExitCode {
    use site_gen::validate;
    use std::io::Write;
    let engines = match engines(content) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let mut out = std::io::stdout().lock();
    let mut worst = 0;
    for (i, file) in files.iter().enumerate() {
        let checked = validate::check_file(&engines, file);
        worst = worst.max(checked.exit_code());
        let text = validate::text_report(&checked);
        if checked.outcome.is_err() {
            eprint!("{text}");
        }
        let written = if json {
            let entry =
                serde_json::to_string_pretty(&validate::json_entry(&checked)).expect("a JSON value always serialises");
            let entry = validate::terminal::json_safe(&entry);
            write!(out, "{}{entry}", if i == 0 { "[\n" } else { ",\n" })
        } else if checked.outcome.is_ok() {
            write!(out, "{text}")
        } else {
            Ok(())
        };
        if written.and_then(|()| out.flush()).is_err() {
            return ExitCode::from(2); // stdout closed: nobody is reading
        }
    }
    if json && writeln!(out, "\n]").is_err() {
        return ExitCode::from(2);
    }
    ExitCode::from(worst)
}

fn report(
    paths: &[PathBuf],
    xlsx: &std::path::Path,
    csv: Option<&std::path::Path>,
    content: &std::path::Path,
) -> ExitCode {
    use site_gen::report;
    let engines = match engines(content) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let files = report::files_under(paths);
    let r = report::collect(&engines, &files);
    let written =
        report::sheets::write_xlsx(&r, xlsx).and_then(|()| csv.map_or(Ok(()), |c| report::sheets::write_csv(&r, c)));
    if let Err(e) = written {
        eprintln!("error: {e}");
        return ExitCode::from(2);
    }
    println!(
        "{} files: {} applicants, {} units, {} problems, {} unreadable → {}",
        files.len(),
        r.applicants.len(),
        r.units.len(),
        r.problems.len(),
        r.unreadable.len(),
        xlsx.display()
    );
    for (f, why) in &r.unreadable {
        let shown = site_gen::validate::terminal::escape;
        eprintln!("{}: {}", shown(f), shown(why));
    }
    ExitCode::from(report::exit_code(&r))
}

fn print(Documents { files, output, content }: &Documents, format: site_gen::print::Format) -> ExitCode {
    use site_gen::print;
    let engines = match engines(content) {
        Ok(e) => e,
        Err(code) => return code,
    };
    let printed = print::print_files(&engines, files, output, format);
    for p in &printed {
        // As `validate`: what could not be printed on stderr, the pages written on stdout.
        match p.outcome {
            Ok(_) => print!("{}", print::text_report(p)),
            Err(_) => eprint!("{}", print::text_report(p)),
        }
    }
    ExitCode::from(print::exit_code(&printed))
}
