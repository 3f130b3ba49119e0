//! The security code: a short rendering of the MLS epoch authenticator that
//! every member of the same epoch sees identically, so people can compare it
//! aloud and notice a meeting that was split or joined by someone unseen.

/// Four groups of five digits. Each group is the big-endian integer of five
/// authenticator bytes modulo 100000: 20 digits carry about 66 bits, far
/// beyond what an attacker could match by trial while the meeting runs.
pub fn security_code(epoch_authenticator: &[u8]) -> String {
    let mut groups = Vec::with_capacity(4);
    for chunk in epoch_authenticator.chunks(5).take(4) {
        let n = chunk.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b));
        groups.push(format!("{:05}", n % 100_000));
    }
    groups.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_is_four_groups_of_five_digits_from_the_authenticator() {
        let auth: Vec<u8> = (0u8..32).collect();
        // bytes 0..5 = 0x0001020304 = 16909060 → 09060
        // bytes 5..10 = 0x0506070809 = 21575960585 → 60585
        assert_eq!(&security_code(&auth)[..11], "09060 60585");
        assert_eq!(security_code(&auth).len(), 23);
        assert_ne!(security_code(&auth), security_code(&[7u8; 32]));
    }
}
