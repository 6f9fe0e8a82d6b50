//! The register's requests.

use linli_api_types::{
    BuildingUnjoined, RegisterImportRecord, RegisterImportReport, RegisterProgress,
};
use wasm_bindgen::JsValue;

use crate::api::{Api, ApiError};

pub async fn import(
    api: Api,
    file: &JsValue,
    file_name: &str,
    commit: bool,
    create_buildings: bool,
) -> Result<RegisterImportReport, ApiError> {
    let path = format!(
        "/register/imports?commit={commit}&create_buildings={create_buildings}&file_name={}",
        js_sys::encode_uri_component(file_name)
    );
    api.post_file_single_try(&path, file).await
}

pub async fn recent(api: Api) -> Result<Vec<RegisterImportRecord>, ApiError> {
    api.get("/register/imports").await
}

pub async fn template(api: Api) -> Result<Vec<u8>, ApiError> {
    api.get_bytes("/register/template").await
}

pub async fn progress(api: Api) -> Result<RegisterProgress, ApiError> {
    api.get("/register/progress").await
}

pub async fn unjoined(api: Api, building: i64) -> Result<BuildingUnjoined, ApiError> {
    api.get(&format!("/register/buildings/{building}/unjoined"))
        .await
}
