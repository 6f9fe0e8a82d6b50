//! The app page a message opens: one mapping for the message centre, the live stream and the
//! webhook (whose receiver links to the same page).

use linli_api_types::{MessageKind, MessageSubject, SubjectKind};

/// The app path of what `kind` tells about `subject` ("/services/orders/12").
pub fn path_of(kind: MessageKind, subject: MessageSubject) -> String {
    let id = subject.id;
    match subject.kind {
        SubjectKind::Order => format!("/services/orders/{id}"),
        SubjectKind::Task => format!("/tasks/{id}"),
        SubjectKind::Notice => format!("/notices/{id}"),
        // A head reviews the waiting requests on one list; the applicant follows their own.
        SubjectKind::JoinRequest if kind == MessageKind::RegistrationWaiting => {
            "/me/join-requests".to_owned()
        }
        SubjectKind::JoinRequest => "/me/join".to_owned(),
        SubjectKind::Report => format!("/me/reports/{id}"),
        SubjectKind::Wish => format!("/services/wishes/{id}"),
        SubjectKind::Voucher => format!("/points/vouchers/{id}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject(kind: SubjectKind, id: i64) -> MessageSubject {
        MessageSubject { kind, id }
    }

    #[test]
    fn each_subject_opens_its_page() {
        use MessageKind::*;
        assert_eq!(
            path_of(OrderAccepted, subject(SubjectKind::Order, 12)),
            "/services/orders/12"
        );
        assert_eq!(path_of(TaskSoon, subject(SubjectKind::Task, 3)), "/tasks/3");
        assert_eq!(
            path_of(NoticeImportant, subject(SubjectKind::Notice, 9)),
            "/notices/9"
        );
        assert_eq!(
            path_of(ReportAnswered, subject(SubjectKind::Report, 5)),
            "/me/reports/5"
        );
        assert_eq!(
            path_of(WishClaimed, subject(SubjectKind::Wish, 7)),
            "/services/wishes/7"
        );
        assert_eq!(
            path_of(VoucherUsed, subject(SubjectKind::Voucher, 8)),
            "/points/vouchers/8"
        );
    }

    #[test]
    fn a_join_request_opens_the_applicants_progress_or_the_heads_list() {
        let request = subject(SubjectKind::JoinRequest, 4);
        assert_eq!(
            path_of(MessageKind::RegistrationApproved, request),
            "/me/join"
        );
        assert_eq!(
            path_of(MessageKind::RegistrationDeclined, request),
            "/me/join"
        );
        assert_eq!(
            path_of(MessageKind::RegistrationWaiting, request),
            "/me/join-requests"
        );
    }
}
