#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| conclave_fuzzing::vp8_descriptor(data));
