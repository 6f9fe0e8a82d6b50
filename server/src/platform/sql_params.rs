//! Numbered SQL parameters, collected while a query's text is written: the text says `$1`,
//! `$2` … (sqlx's Any driver takes that form on both SQLite and PostgreSQL) and the values are
//! bound afterwards in the same order.

use sqlx::Any;

/// Integer parameters (ids, times in ms), as the filters that need them are all integers.
#[derive(Debug, Default)]
pub struct Params(Vec<i64>);

impl Params {
    /// Adds `value` and answers its placeholder.
    pub fn push(&mut self, value: i64) -> String {
        self.0.push(value);
        format!("${}", self.0.len())
    }

    pub fn bind_all<'q, O>(
        &self,
        mut query: sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryAs<'q, Any, O, sqlx::any::AnyArguments<'q>> {
        for value in &self.0 {
            query = query.bind(*value);
        }
        query
    }

    pub fn bind_scalar<'q, O>(
        &self,
        mut query: sqlx::query::QueryScalar<'q, Any, O, sqlx::any::AnyArguments<'q>>,
    ) -> sqlx::query::QueryScalar<'q, Any, O, sqlx::any::AnyArguments<'q>> {
        for value in &self.0 {
            query = query.bind(*value);
        }
        query
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_count_from_one() {
        let mut params = Params::default();
        assert_eq!(params.push(7), "$1");
        assert_eq!(params.push(9), "$2");
    }
}
