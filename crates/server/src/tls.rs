//! HTTPS: from the operator's certificate and key, or a self-signed
//! certificate generated once and kept in the data directory (so its
//! fingerprint stays the same across restarts and can be pinned). The
//! handshake itself, and its deadline, are the listener's.

use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Context;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use sha2::{Digest, Sha256};
use tokio_rustls::TlsAcceptor;

use crate::config::Tls;

pub struct TlsSetup {
    pub acceptor: TlsAcceptor,
    /// SHA-256 of the certificate, printed for users to compare.
    pub fingerprint: String,
}

pub fn setup(tls: &Tls, data_dir: &Path, addresses: &[IpAddr]) -> anyhow::Result<Option<TlsSetup>> {
    let (cert, key) = match tls {
        Tls::Off => return Ok(None),
        Tls::Files { cert, key } => (cert.clone(), key.clone()),
        Tls::SelfSigned => self_signed(data_dir, addresses)?,
    };
    let chain = CertificateDer::pem_file_iter(&cert)
        .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
        .with_context(|| format!("reading certificate {}", cert.display()))?;
    let leaf = chain
        .first()
        .with_context(|| format!("no certificate in {}", cert.display()))?;
    let fingerprint = fingerprint(leaf);
    let private_key = PrivateKeyDer::from_pem_file(&key)
        .with_context(|| format!("reading TLS key {}", key.display()))?;
    let mut config = rustls::ServerConfig::builder()
        .with_no_client_auth()
        .with_single_cert(chain, private_key)
        .with_context(|| {
            format!(
                "loading TLS certificate {} and key {}",
                cert.display(),
                key.display()
            )
        })?;
    // HTTP/1.1 only, as the listener serves (see there why).
    config.alpn_protocols = vec![b"http/1.1".to_vec()];
    Ok(Some(TlsSetup {
        acceptor: TlsAcceptor::from(Arc::new(config)),
        fingerprint,
    }))
}

fn self_signed(data_dir: &Path, addresses: &[IpAddr]) -> anyhow::Result<(PathBuf, PathBuf)> {
    let dir = data_dir.join("tls");
    let cert = dir.join("self-signed-cert.pem");
    let key = dir.join("self-signed-key.pem");
    if cert.exists() && key.exists() {
        return Ok((cert, key));
    }
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let names: Vec<String> = std::iter::once("localhost".to_owned())
        .chain(addresses.iter().map(IpAddr::to_string))
        .collect();
    let generated =
        rcgen::generate_simple_self_signed(names).context("generating a certificate")?;
    std::fs::write(&cert, generated.cert.pem())?;
    write_private(&key, generated.signing_key.serialize_pem().as_bytes())?;
    Ok((cert, key))
}

#[cfg(unix)]
fn write_private(path: &Path, data: &[u8]) -> anyhow::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
        .with_context(|| format!("writing {}", path.display()))?;
    f.write_all(data)?;
    Ok(())
}

#[cfg(not(unix))]
fn write_private(path: &Path, data: &[u8]) -> anyhow::Result<()> {
    Ok(std::fs::write(path, data)?)
}

fn fingerprint(der: &[u8]) -> String {
    Sha256::digest(der)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_signed_certificate_is_generated_once_and_reused() {
        let _ = rustls::crypto::aws_lc_rs::default_provider().install_default();
        let dir = tempfile::tempdir().unwrap();
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        let first = setup(&Tls::SelfSigned, dir.path(), &[ip]).unwrap().unwrap();
        let second = setup(&Tls::SelfSigned, dir.path(), &[ip]).unwrap().unwrap();
        assert_eq!(first.fingerprint, second.fingerprint);
        assert_eq!(first.fingerprint.len(), 32 * 3 - 1);
    }
}
