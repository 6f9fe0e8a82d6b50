//! How long the household-register import takes for a community of 通化街's size: 1,125
//! members in 416 households (generated here, in four new buildings), then a re-import of the
//! same sheet, then a 1,000-household building and its unjoined list. Prints the figures; not
//! a timed test, so a busy CI machine cannot fail it.
//!
//! `cargo run --release -p linli-server --example register_import_bench` (SQLite in a temp
//! dir; set `LINLI_BENCH_DATABASE_URL` to a fresh PostgreSQL database to measure that).

use std::time::Instant;

use linli_server::config::{Config, SeedMode};
use linli_server::demo;
use linli_server::Application;
use serde_json::{json, Value};

/// 1,125 members in 416 households: 4 buildings × 2 units × 13 floors × 4 doors, two members
/// a household and a third in the first 293.
fn community_sheet() -> String {
    let mut sheet = String::from("网格,小区,楼栋,单元,房号,姓名,联系电话,与户主关系,照护标签\n");
    let mut household = 0;
    let mut person = 0;
    for building in 21..=24 {
        for unit in 1..=2 {
            for floor in 1..=13 {
                for door in 1..=4 {
                    let members = if household < 293 { 3 } else { 2 };
                    for m in 0..members {
                        let (relation, tags) = match m {
                            0 => (
                                "户主",
                                if household % 7 == 0 {
                                    "高龄,独居"
                                } else {
                                    ""
                                },
                            ),
                            1 => ("配偶", ""),
                            _ => ("子女", ""),
                        };
                        let place = if m == 0 {
                            format!(
                                "第一网格,华盛世纪新城,{building}栋,{unit}单元,{}",
                                floor * 100 + door
                            )
                        } else {
                            ",,,,".to_owned()
                        };
                        sheet.push_str(&format!(
                            "{place},居民{person},137{:08},{relation},\"{tags}\"\n",
                            person
                        ));
                        person += 1;
                    }
                    household += 1;
                }
            }
        }
    }
    assert_eq!((household, person), (416, 1125));
    sheet
}

/// One building of 1,000 households (10 units × 25 floors × 4 doors), one member each.
fn big_building_sheet() -> String {
    let mut sheet = String::from("网格,小区,楼栋,单元,房号,姓名,联系电话\n");
    let mut person = 0;
    for unit in 1..=10 {
        for floor in 1..=25 {
            for door in 1..=4 {
                sheet.push_str(&format!(
                    "第一网格,华盛世纪新城,30栋,{unit}单元,{},住户{person},136{person:08}\n",
                    floor * 100 + door
                ));
                person += 1;
            }
        }
    }
    sheet
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = std::env::var("LINLI_BENCH_DATABASE_URL").unwrap_or_else(|_| {
        format!(
            "sqlite://{}?mode=rwc",
            dir.path().join("bench.db").display()
        )
    });
    let mut config = Config::new(url);
    config.addr = "127.0.0.1:0".parse().unwrap();
    config.dist_dir = dir.path().join("no-dist");
    config.seed = SeedMode::Demo;
    let app = Application::build(config).await.expect("server starts");
    let base = format!("http://{}/api/v1", app.addr());
    tokio::spawn(app.run());
    let client = reqwest::Client::new();
    let grant: Value = client
        .post(format!("{base}/sessions"))
        .json(&json!({ "phone": demo::XU_GELI.phone, "password": demo::DEMO_PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = grant["token"].as_str().unwrap().to_owned();

    let import = |query: &'static str, sheet: String| {
        let (client, base, token) = (client.clone(), base.clone(), token.clone());
        async move {
            let started = Instant::now();
            let response = client
                .post(format!("{base}/register/imports?{query}"))
                .bearer_auth(token)
                .body(sheet)
                .send()
                .await
                .unwrap();
            assert!(response.status().is_success(), "{}", response.status());
            let report: Value = response.json().await.unwrap();
            (started.elapsed(), report["summary"].clone())
        }
    };
    let get = |path: String| {
        let (client, base, token) = (client.clone(), base.clone(), token.clone());
        async move {
            let started = Instant::now();
            let response = client
                .get(format!("{base}{path}"))
                .bearer_auth(token)
                .send()
                .await
                .unwrap();
            assert!(response.status().is_success());
            let body: Value = response.json().await.unwrap();
            (started.elapsed(), body)
        }
    };

    let sheet = community_sheet();
    println!(
        "sheet: 1,125 members, 416 households, {} bytes of CSV",
        sheet.len()
    );
    let (took, summary) = import("create_buildings=true", sheet.clone()).await;
    println!("dry run:   {took:>8.1?}  {summary}");
    let (took, summary) = import("commit=true&create_buildings=true", sheet.clone()).await;
    println!("commit:    {took:>8.1?}  {summary}");
    let (took, summary) = import("commit=true", sheet).await;
    println!("re-import: {took:>8.1?}  {summary}");

    let (took, summary) = import("commit=true&create_buildings=true", big_building_sheet()).await;
    println!("1,000-household building: commit {took:.1?}  {summary}");
    let (took, progress) = get("/register/progress".into()).await;
    println!(
        "progress:  {took:>8.1?}  ({} buildings)",
        progress["buildings"].as_array().unwrap().len()
    );
    let big = progress["buildings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["name"] == "华盛世纪新城 30栋")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let (took, list) = get(format!("/register/buildings/{big}/unjoined")).await;
    println!(
        "unjoined of the 1,000-household building: {took:.1?} ({} households)",
        list["households"].as_array().unwrap().len()
    );
}
