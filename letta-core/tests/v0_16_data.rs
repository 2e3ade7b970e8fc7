//! The 0.16.8 operations on stored data (archives, folders, the files agents open, passage
//! searches) against a loopback server: the exact request each handle sends, and the typed
//! answer it decodes. The client is told the server's version, so no health check goes out.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use futures_util::TryStreamExt;
use letta_core::ids::{AgentId, ArchiveId, FileId, FolderId, IdentityId};
use letta_core::types::*;
use letta_core::wait::WaitOptions;
use letta_core::{LettaClient, LettaError, ServerVersion};

mod source;
mod support;

use support::{Next, Server, answer, serve};

/// A server that answers each request with the first `(request line prefix, status, body)` that
/// matches it, else 404.
async fn server_answering(routes: &'static [(&'static str, &'static str, &'static str)]) -> Server {
    serve(move |request, socket| {
        Box::pin(async move {
            let line = request.request_line().to_owned();
            match routes.iter().find(|(prefix, _, _)| line.starts_with(prefix)) {
                Some((_, status, body)) => answer(socket, status, body).await,
                None => answer(socket, "404 Not Found", r#"{"detail":"no such route"}"#).await,
            }
            Next::KeepOpen
        })
    })
    .await
}

fn client(server: &Server) -> LettaClient {
    LettaClient::builder()
        .base_url(&server.url)
        .server_version(ServerVersion::V0_16_8)
        .build()
        .unwrap()
}

fn request_lines(server: &Server) -> Vec<String> {
    server.all().iter().map(|r| r.request_line().to_owned()).collect()
}

fn json_body(server: &Server, index: usize) -> serde_json::Value {
    serde_json::from_slice(&server.all()[index].body).expect("a JSON body")
}

const FILE: &str = r#"{"id":"file-1","source_id":"source-1","file_name":"rules_1.md","original_file_name":"rules.md",
    "file_type":"text/markdown","file_size":17,"processing_status":"parsing","organization_id":"org-1",
    "created_at":"2026-05-02T10:00:00Z"}"#;

#[tokio::test]
async fn an_upload_goes_out_as_multipart_with_its_options_in_the_query() {
    let server = server_answering(&[("POST /v1/folders/source-1/upload", "200 OK", FILE)]).await;
    let file = client(&server)
        .folders()
        .upload(
            &FolderId::new("source-1"),
            &FileUpload::new("rules.md", "Lunch is at noon."),
            &UploadFileParams::builder()
                .duplicate_handling(DuplicateFileHandling::Replace)
                .name("rules.md")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(file.id, FileId::new("file-1"));
    assert_eq!(file.original_file_name.as_deref(), Some("rules.md"));
    assert_eq!(file.processing_status, Some(FileProcessingStatus::Parsing));

    let sent = &server.all()[0];
    assert_eq!(
        sent.request_line(),
        "POST /v1/folders/source-1/upload?duplicate_handling=replace&name=rules.md HTTP/1.1"
    );
    let head = sent.head.to_ascii_lowercase();
    let boundary = head
        .lines()
        .find_map(|l| l.strip_prefix("content-type: multipart/form-data; boundary="))
        .expect("a multipart content type")
        .trim()
        .to_owned();
    let body = String::from_utf8(sent.body.clone()).unwrap();
    let expected = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"rules.md\"\r\n\
         Content-Type: text/markdown\r\n\r\nLunch is at noon.\r\n--{boundary}--\r\n"
    );
    assert_eq!(body.to_ascii_lowercase(), expected.to_ascii_lowercase());
    assert!(
        body.contains("Lunch is at noon."),
        "the contents keep their case: {body}"
    );
}

#[tokio::test]
async fn waiting_for_a_file_polls_until_its_processing_ends() {
    let polls = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counter = polls.clone();
    let server = serve(move |request, socket| {
        let counter = counter.clone();
        Box::pin(async move {
            assert!(
                request
                    .request_line()
                    .starts_with("GET /v1/folders/source-1/files/file-1 "),
                "{}",
                request.request_line()
            );
            let status = match counter.fetch_add(1, std::sync::atomic::Ordering::SeqCst) {
                0 => "embedding",
                _ => "completed",
            };
            let body = FILE.replace("\"parsing\"", &format!("\"{status}\""));
            answer(socket, "200 OK", &body).await;
            Next::KeepOpen
        })
    })
    .await;
    let uploaded: FileMetadata = serde_json::from_str(FILE).unwrap();
    let options = WaitOptions {
        timeout: Duration::from_secs(30),
        interval: Duration::from_millis(1),
        max_interval: Duration::from_millis(5),
    };
    let done = client(&server)
        .folders()
        .wait_for_file(&uploaded, &options)
        .await
        .unwrap();
    assert_eq!(done.processing_status, Some(FileProcessingStatus::Completed));
    assert_eq!(polls.load(std::sync::atomic::Ordering::SeqCst), 2);
}

#[tokio::test]
async fn an_archival_search_sends_its_filters_as_query_parameters() {
    let server = server_answering(&[(
        "GET /v1/agents/agent-1/archival-memory/search",
        "200 OK",
        r#"{"results":[{"id":"passage-1","timestamp":"2026-05-02T12:00:00+02:00","content":"Ada likes tea.",
            "tags":["people"]}],"count":1}"#,
    )])
    .await;
    let since = letta_core::types::time::parse("2026-05-01T00:00:00Z").unwrap();
    let found = client(&server)
        .agents()
        .archival(AgentId::new("agent-1"))
        .search(
            &ArchivalMemorySearchParams::builder()
                .query("green tea")
                .tags(["people", "drinks"])
                .tag_match_mode(TagMatchMode::All)
                .top_k(3)
                .start_datetime(since)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(
        request_lines(&server),
        [
            "GET /v1/agents/agent-1/archival-memory/search?query=green+tea&tags=people&tags=drinks&tag_match_mode=all&top_k=3&start_datetime=2026-05-01T00%3A00%3A00%2B00%3A00 HTTP/1.1"
        ]
    );
    assert_eq!(found.count, 1);
    assert_eq!(found.results[0].content, "Ada likes tea.");
    assert_eq!(found.results[0].tags, ["people"]);
    assert_eq!(
        found.results[0].created_at(),
        letta_core::types::time::parse("2026-05-02T10:00:00Z"),
        "the agent's timezone is kept as an offset"
    );

    let empty = client(&server)
        .agents()
        .archival(AgentId::new("agent-1"))
        .search(&ArchivalMemorySearchParams::new(" "))
        .await
        .unwrap_err();
    assert!(matches!(empty, LettaError::InvalidInput(_)), "{empty:?}");
    assert_eq!(server.all().len(), 1, "an empty query is refused before sending");
}

#[tokio::test]
async fn a_passage_search_posts_exactly_the_fields_set() {
    let server = server_answering(&[(
        "POST /v1/passages/search ",
        "200 OK",
        r#"[{"passage":{"id":"passage-1","text":"Ada likes tea.","archive_id":"archive-1","tags":["people"],
            "embedding":null,"embedding_config":null},"score":0.83,"metadata":{"rank":1}}]"#,
    )])
    .await;
    let hits = client(&server)
        .passages()
        .search(
            &PassageSearchRequest::builder()
                .query("tea")
                .archive_id("archive-1")
                .tags(["people"])
                .limit(5)
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(
        json_body(&server, 0),
        serde_json::json!({"query": "tea", "archive_id": "archive-1", "tags": ["people"], "limit": 5})
    );
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].score, 0.83);
    assert_eq!(hits[0].passage.archive_id, Some(ArchiveId::new("archive-1")));
    assert_eq!(hits[0].passage.tags.as_deref(), Some(&["people".to_owned()][..]));
    assert_eq!(hits[0].metadata["rank"], 1);

    let too_many = client(&server)
        .passages()
        .search(&PassageSearchRequest::builder().query("tea").limit(500).build())
        .await
        .unwrap_err();
    assert!(too_many.to_string().contains("1 to 100"), "{too_many}");
    assert_eq!(
        server.all().len(),
        1,
        "an out-of-range limit is refused before sending"
    );
}

const ARCHIVE_A: &str = r#"{"id":"archive-a","name":"a","organization_id":"org-1","created_at":"2026-05-02T10:00:00Z",
    "vector_db_provider":"native"}"#;

#[tokio::test]
async fn archives_walk_page_by_page_in_the_order_asked() {
    let server = serve(|request, socket| {
        Box::pin(async move {
            let archive = |id: &str| ARCHIVE_A.replace("archive-a", id);
            let page = if request.request_line().contains("after=archive-b") {
                format!("[{}]", archive("archive-c"))
            } else {
                format!("[{},{}]", archive("archive-a"), archive("archive-b"))
            };
            answer(socket, "200 OK", &page).await;
            Next::KeepOpen
        })
    })
    .await;
    let params = ListArchivesParams::builder()
        .limit(2)
        .order(SortOrder::Asc)
        .build();
    let all: Vec<Archive> = client(&server)
        .archives()
        .list_all(&params)
        .try_collect()
        .await
        .unwrap();
    let ids: Vec<&str> = all.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["archive-a", "archive-b", "archive-c"]);
    assert_eq!(all[0].vector_db_provider, Some(VectorDbProvider::Native));
    assert_eq!(
        request_lines(&server),
        [
            "GET /v1/archives/?order=asc&limit=2 HTTP/1.1",
            "GET /v1/archives/?order=asc&after=archive-b&limit=2 HTTP/1.1",
        ]
    );
}

#[tokio::test]
async fn archive_writes_send_their_bodies() {
    let server = server_answering(&[
        ("POST /v1/archives/ ", "200 OK", ARCHIVE_A),
        (
            "POST /v1/archives/archive-a/passages/batch ",
            "200 OK",
            r#"[{"id":"passage-1","text":"Ada likes tea.","embedding":null,"embedding_config":null},
                {"id":"passage-2","text":"Bob likes coffee.","embedding":null,"embedding_config":null}]"#,
        ),
        (
            "PATCH /v1/agents/agent-1/archives/attach/archive-a ",
            "200 OK",
            "null",
        ),
        (
            "DELETE /v1/archives/archive-a/passages/passage-2 ",
            "204 No Content",
            "",
        ),
    ])
    .await;
    let client = client(&server);
    let archive = client
        .archives()
        .create(
            &ArchiveCreate::builder()
                .name("a")
                .description("shared notes")
                .embedding("openai/text-embedding-3-small")
                .build(),
        )
        .await
        .unwrap();
    let stored = client
        .archives()
        .create_passages(
            &archive.id,
            [
                ArchivePassageCreate::builder()
                    .text("Ada likes tea.")
                    .tags(["people"])
                    .created_at(letta_core::types::time::parse("2026-05-01T09:30:00Z").unwrap())
                    .build(),
                ArchivePassageCreate::new("Bob likes coffee."),
            ],
        )
        .await
        .unwrap();
    client
        .agents()
        .archives(AgentId::new("agent-1"))
        .attach(&archive.id)
        .await
        .unwrap();
    client
        .archives()
        .delete_passage(&archive.id, &stored[1].id)
        .await
        .unwrap();

    assert_eq!(
        json_body(&server, 0),
        serde_json::json!({"name": "a", "description": "shared notes", "embedding": "openai/text-embedding-3-small"})
    );
    assert_eq!(
        json_body(&server, 1),
        serde_json::json!({"passages": [
            {"text": "Ada likes tea.", "tags": ["people"], "created_at": "2026-05-01T09:30:00+00:00"},
            {"text": "Bob likes coffee."},
        ]})
    );
    assert_eq!(stored.len(), 2);
    assert_eq!(
        request_lines(&server)[2..],
        [
            "PATCH /v1/agents/agent-1/archives/attach/archive-a HTTP/1.1",
            "DELETE /v1/archives/archive-a/passages/passage-2 HTTP/1.1",
        ]
    );

    let blank = client
        .archives()
        .create_passages(
            &archive.id,
            [ArchivePassageCreate::new("ok"), ArchivePassageCreate::new("")],
        )
        .await
        .unwrap_err();
    assert!(matches!(blank, LettaError::InvalidInput(_)), "{blank:?}");
    assert_eq!(
        server.all().len(),
        4,
        "a batch with an empty passage is refused before sending"
    );
}

#[tokio::test]
async fn an_agent_s_files_and_folders_decode() {
    let server = server_answering(&[
        (
            "GET /v1/agents/agent-1/files?limit=10&is_open=true ",
            "200 OK",
            r#"{"files":[{"id":"file_agent-1","file_id":"file-1","file_name":"handbook/rules.md","folder_id":"source-1",
                "folder_name":"handbook","is_open":true,"last_accessed_at":"2026-05-02T10:00:00Z",
                "visible_content":"1: Lunch is at noon.","start_line":1,"end_line":1}],
                "next_cursor":"file_agent-1","has_more":false}"#,
        ),
        ("PATCH /v1/agents/agent-1/files/file-1/open ", "200 OK", r#"["handbook/old.md"]"#),
        ("PATCH /v1/agents/agent-1/folders/attach/source-1 ", "200 OK", "null"),
        (
            "GET /v1/folders/metadata?include_detailed_per_source_metadata=true ",
            "200 OK",
            r#"{"total_sources":1,"total_files":1,"total_size":17,"sources":[{"source_id":"source-1",
                "source_name":"handbook","file_count":1,"total_size":17,
                "files":[{"file_id":"file-1","file_name":"rules.md","file_size":17}]}]}"#,
        ),
        ("GET /v1/folders/source-1/agents?order=asc ", "200 OK", r#"["agent-1","agent-2"]"#),
    ])
    .await;
    let client = client(&server);
    let agent = AgentId::new("agent-1");
    let page = client
        .agents()
        .files(&agent)
        .list(&ListAgentFilesParams::builder().limit(10).is_open(true).build())
        .await
        .unwrap();
    assert!(!page.has_more);
    assert_eq!(page.files[0].folder_id, FolderId::new("source-1"));
    assert_eq!(
        page.files[0].visible_content.as_deref(),
        Some("1: Lunch is at noon.")
    );
    let evicted = client
        .agents()
        .files(&agent)
        .open(&FileId::new("file-1"))
        .await
        .unwrap();
    assert_eq!(evicted, ["handbook/old.md"]);
    let state = client
        .agents()
        .folders(&agent)
        .attach(&FolderId::new("source-1"))
        .await
        .unwrap();
    assert!(state.is_none(), "a null answer is no agent state");
    let stats = client.folders().metadata(true).await.unwrap();
    assert_eq!((stats.total_sources, stats.total_size), (1, 17));
    assert_eq!(stats.sources[0].files[0].file_size, Some(17));
    let agents = client
        .folders()
        .list_agents(
            &FolderId::new("source-1"),
            &OrderedPageParams::builder().order(SortOrder::Asc).build(),
        )
        .await
        .unwrap();
    assert_eq!(agents, [AgentId::new("agent-1"), AgentId::new("agent-2")]);
    assert_eq!(server.all().len(), 5, "{:?}", request_lines(&server));
}

#[tokio::test]
async fn these_operations_are_refused_by_a_0_7_server_before_sending() {
    let server = server_answering(&[]).await;
    let old = LettaClient::builder()
        .base_url(&server.url)
        .server_version(ServerVersion::V0_7_29)
        .build()
        .unwrap();
    let error = old.folders().count().await.unwrap_err();
    assert!(
        matches!(
            &error,
            LettaError::NotServed {
                operation: "count_folders",
                ..
            }
        ),
        "{error:?}"
    );
    let error = old
        .identities()
        .list_blocks(&IdentityId::new("identity-1"), &OrderedPageParams::default())
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            LettaError::NotServed {
                operation: "list_blocks_for_identity",
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(server.connections.load(std::sync::atomic::Ordering::SeqCst), 0);
}

/// The query keys a value of a param type sends.
fn keys_of<P: serde::Serialize>(params: &P) -> BTreeSet<String> {
    serde_html_form::to_string(params)
        .unwrap()
        .split('&')
        .filter_map(|pair| pair.split('=').next())
        .filter(|key| !key.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_param_type_sends_what_its_operations_declare_and_can_send_all_of_it() {
    let declared: BTreeMap<String, BTreeSet<String>> = source::spec_operations_0_16()
        .into_iter()
        .map(|(id, _, _, op)| {
            let params = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .filter(|p| p["in"] == "query")
                .filter_map(|p| p["name"].as_str().map(str::to_owned))
                .collect();
            (id, params)
        })
        .collect();
    let at = letta_core::types::time::parse("2026-05-01T00:00:00Z").unwrap();
    let page = OrderedPageParams::builder()
        .before("b")
        .after("a")
        .limit(1)
        .order(SortOrder::Desc)
        .build();
    let agent_page = AgentPageParams::builder()
        .before("b")
        .after("a")
        .limit(1)
        .order(SortOrder::Desc)
        .include([AgentRelationship::Tags])
        .build();
    let cases: Vec<(&[&str], BTreeSet<String>)> = vec![
        (
            &["list_archives"],
            keys_of(
                &ListArchivesParams::builder()
                    .before("b")
                    .after("a")
                    .limit(1)
                    .order(SortOrder::Asc)
                    .name("n")
                    .agent_id("agent-1")
                    .build(),
            ),
        ),
        (
            &["list_agents_for_archive", "list_agents_for_identity"],
            keys_of(&agent_page),
        ),
        (
            &[
                "list_agents_for_folder",
                "list_folder_passages",
                "list_folders_for_agent",
                "list_blocks_for_identity",
            ],
            keys_of(&page),
        ),
        (
            &["list_folders"],
            keys_of(
                &ListFoldersParams::builder()
                    .before("b")
                    .after("a")
                    .limit(1)
                    .order(SortOrder::Asc)
                    .name("n")
                    .build(),
            ),
        ),
        (
            &["list_files_for_folder"],
            keys_of(
                &ListFolderFilesParams::builder()
                    .before("b")
                    .after("a")
                    .limit(1)
                    .order(SortOrder::Asc)
                    .include_content(true)
                    .build(),
            ),
        ),
        (
            &["retrieve_file", "get_file_metadata"],
            keys_of(&RetrieveFileParams::with_content()),
        ),
        (
            &["upload_file_to_folder"],
            keys_of(
                &UploadFileParams::builder()
                    .duplicate_handling(DuplicateFileHandling::Skip)
                    .name("n")
                    .build(),
            ),
        ),
        (
            &["list_files_for_agent"],
            keys_of(
                &ListAgentFilesParams::builder()
                    .before("b")
                    .after("a")
                    .limit(1)
                    .order(SortOrder::Asc)
                    .is_open(true)
                    .build(),
            ),
        ),
        (
            &["search_archival_memory"],
            keys_of(
                &ArchivalMemorySearchParams::builder()
                    .query("q")
                    .tags(["t"])
                    .tag_match_mode(TagMatchMode::Any)
                    .top_k(1)
                    .start_datetime(at)
                    .end_datetime(at)
                    .build(),
            ),
        ),
        (
            &["retrieve_metadata", "get_sources_metadata"],
            keys_of(&[("include_detailed_per_source_metadata", true)]),
        ),
    ];
    // `order_by` has one value, the default; `cursor` is deprecated in favour of `after`.
    let not_needed: BTreeSet<String> = ["order_by", "cursor"].into_iter().map(str::to_owned).collect();
    let mut problems = Vec::new();
    for (operations, sent) in &cases {
        for operation in *operations {
            let declared = &declared[*operation];
            for extra in sent.difference(declared) {
                problems.push(format!("{operation}: sends `{extra}`, which it does not declare"));
            }
            for missing in declared.difference(sent).filter(|k| !not_needed.contains(*k)) {
                problems.push(format!("{operation}: cannot send `{missing}`"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[tokio::test]
async fn a_source_upload_decodes_as_the_file_on_0_16_and_as_the_job_on_0_7() {
    use letta_core::ids::SourceId;
    let server = server_answering(&[("POST /v1/sources/source-1/upload", "200 OK", FILE)]).await;
    let upload = client(&server)
        .sources()
        .upload(
            &SourceId::new("source-1"),
            &FileUpload::new("rules.md", "Lunch is at noon."),
            &UploadFileParams::builder()
                .duplicate_handling(DuplicateFileHandling::Skip)
                .build(),
        )
        .await
        .unwrap();
    let file = upload.file().expect("a 0.16 upload answers the file");
    assert_eq!(file.id, FileId::new("file-1"));
    assert!(upload.job().is_none());
    assert_eq!(
        request_lines(&server),
        ["POST /v1/sources/source-1/upload?duplicate_handling=skip HTTP/1.1"]
    );

    let job: SourceUpload = serde_json::from_str(
        r#"{"id":"job-1","status":"created","metadata":{"source_id":"source-1","filename":"rules.md"}}"#,
    )
    .unwrap();
    assert_eq!(job.job().map(|j| j.id.as_str()), Some("job-1"));
    assert!(job.file().is_none());
}

#[tokio::test]
async fn the_agents_of_a_block_are_asked_for_whole_on_0_16_and_plainly_on_0_7() {
    use letta_core::ids::BlockId;
    let server = server_answering(&[("GET /v1/blocks/block-1/agents", "200 OK", "[]")]).await;
    let block = BlockId::new("block-1");
    assert!(
        client(&server)
            .blocks()
            .list_agents(&block)
            .await
            .unwrap()
            .is_empty()
    );
    let on_0_7 = LettaClient::builder()
        .base_url(&server.url)
        .server_version(ServerVersion::V0_7_29)
        .build()
        .unwrap();
    on_0_7.blocks().list_agents(&block).await.unwrap();
    assert_eq!(
        request_lines(&server),
        [
            "GET /v1/blocks/block-1/agents?include=agent.blocks&include=agent.tools&include=agent.sources\
             &include=agent.tags&include=agent.identities HTTP/1.1",
            "GET /v1/blocks/block-1/agents HTTP/1.1",
        ]
    );
}
