//! The real Letta 0.16.8 server, driven by the scripted LLM.

use letta_testkit::{LettaRelease, shared_0_16};

#[test]
fn health_reports_0_16_8() {
    let server = shared_0_16();
    assert_eq!(server.release(), LettaRelease::V0_16_8);
    assert_eq!(server.version(), "0.16.8");
}
