//! Schema conformance against Letta 0.16.8's OpenAPI document (`spec/openapi-0.16.8.json`): the
//! same checks as `conformance.rs` makes against 0.7.29's (see `source::schema`), for the types of
//! the operations 0.16 added and for the models both servers share, which must decode the
//! answers of either.

use letta_core::types::*;

mod source;

use source::schema::Spec;

#[test]
fn health_answers_decode() {
    let (checked, problems) = check_all!(Spec::v0_16(), check_response:
        HealthStatus => "Health",
    );
    println!("0.16.8 response types checked: {checked}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn data() {
    let spec = Spec::v0_16();
    let (requests, mut problems) = check_all!(spec, check_request:
        ArchiveCreate => "ArchiveCreateRequest",
        ArchiveUpdate => "ArchiveUpdateRequest",
        ArchivePassageCreate => "PassageCreateRequest",
        ArchivePassageBatch => "PassageBatchCreateRequest",
        SourceCreate => "SourceCreate",
        SourceUpdate => "SourceUpdate",
        PassageSearchRequest => "PassageSearchRequest",
    );
    let (responses, more) = check_all!(spec, check_response:
        Archive => "Archive",
        Source => "Folder",
        Source => "Source",
        FileMetadata => "FileMetadata",
        Passage => "Passage",
        OrganizationSourcesStats => "OrganizationSourcesStats",
        SourceStats => "SourceStats",
        FileStats => "FileStats",
        AgentFilesPage => "PaginatedAgentFiles",
        AgentFileAttachment => "AgentFileAttachment",
        ArchivalMemorySearchResponse => "ArchivalMemorySearchResponse",
        ArchivalMemorySearchResult => "ArchivalMemorySearchResult",
        PassageSearchResult => "PassageSearchResult",
    );
    problems.extend(more);
    println!("0.16.8 data types checked: {requests} requests, {responses} responses");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
