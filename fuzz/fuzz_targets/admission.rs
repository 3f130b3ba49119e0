#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| conclave_fuzzing::admission(data));
