//! `conclave`: the one binary. `conclave serve` runs signaling, the SFU and
//! the web client on one machine.

mod assets;
mod conference;
mod config;
mod http;
mod media;
mod meeting_id;
mod rate_limit;
mod store;
mod tls;
mod ws;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "conclave",
    version,
    about = "Self-hosted, end-to-end encrypted video meetings"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server: web client, signaling and media on one machine.
    Serve(config::ServeArgs),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("CONCLAVE_LOG")
                .unwrap_or_else(|_| "conclave=info,warn".into()),
        )
        .with_writer(std::io::stderr)
        .init();
    match cli.command {
        Command::Serve(args) => {
            let config = config::Config::resolve(args)?;
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(http::serve(config))
        }
    }
}
