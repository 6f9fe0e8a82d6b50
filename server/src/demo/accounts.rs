//! The demo's people, defined once: the accounts printed at start (and listed in the README),
//! which the API tests sign in as, and the neighbours who fill the community. The e2e harness
//! and the scripts read the same accounts from `accounts.json`, generated from these and kept in
//! step by the test below.

use serde::Serialize;

/// Every demo account's password: published, hence the demo only on loopback.
pub const DEMO_PASSWORD: &str = "linli2026";

/// A demo account as printed at start. `key` names it for the JavaScript harness.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct DemoAccount {
    pub key: &'static str,
    pub phone: &'static str,
    pub name: &'static str,
    pub role: &'static str,
}

pub const WANG_XIUYING: DemoAccount = DemoAccount {
    key: "resident",
    phone: "13800000001",
    name: "王秀英",
    role: "resident 居民 (3栋 1单元 1502)",
};
pub const ZHANG_JIANGUO: DemoAccount = DemoAccount {
    key: "volunteer",
    phone: "13800000002",
    name: "张建国",
    role: "volunteer 志愿者 (3栋 2单元 801)",
};
pub const LIU_WEIZHONG: DemoAccount = DemoAccount {
    key: "head",
    phone: "13800000003",
    name: "刘伟忠",
    role: "building head 楼栋长 of 3栋, volunteer",
};
pub const XU_GELI: DemoAccount = DemoAccount {
    key: "staff",
    phone: "13800000004",
    name: "许各利",
    role: "staff 社区工作人员, 井湘社区",
};
pub const SHANG_JIANCHAO: DemoAccount = DemoAccount {
    key: "unitHead",
    phone: "13800000005",
    name: "尚建超",
    role: "unit head 单元长 of 3栋 1单元 (104 households)",
};
pub const CHEN_LIHUA: DemoAccount = DemoAccount {
    key: "otherBuilding",
    phone: "13800000006",
    name: "陈丽华",
    role: "resident 居民 (5栋 1单元 601)",
};
pub const LI_GUIFANG: DemoAccount = DemoAccount {
    key: "otherStaff",
    phone: "13800000007",
    name: "李桂芳",
    role: "staff 社区工作人员, 通化街社区",
};
pub const ZHAO_ZHIMING: DemoAccount = DemoAccount {
    key: "otherCommunity",
    phone: "13800000008",
    name: "赵志明",
    role: "resident 居民, 通化街社区",
};

/// A second staff member of 井湘社区: appointing or removing staff needs two.
pub const HE_LIPING: DemoAccount = DemoAccount {
    key: "staff2",
    phone: "13800000010",
    name: "何丽萍",
    role: "staff 社区工作人员, 井湘社区 (second staff member)",
};

/// 网格长 of 第一网格: reports of 1栋–3栋 climb to them, and they see their grid's dashboard.
pub const ZHOU_JIANPING: DemoAccount = DemoAccount {
    key: "gridHead",
    phone: "13800000011",
    name: "周建平",
    role: "grid head 网格长 of 华盛世纪新城 第一网格 (1栋, 2栋, 3栋)",
};

pub const DEMO_ACCOUNTS: [DemoAccount; 10] = [
    WANG_XIUYING,
    ZHANG_JIANGUO,
    LIU_WEIZHONG,
    XU_GELI,
    SHANG_JIANCHAO,
    CHEN_LIHUA,
    LI_GUIFANG,
    ZHAO_ZHIMING,
    HE_LIPING,
    ZHOU_JIANPING,
];

/// One of 井湘社区's other residents (same password, not printed).
#[derive(Debug, Clone, Copy)]
pub struct Neighbour {
    pub phone: &'static str,
    pub name: &'static str,
}

/// Volunteers 法律咨询.
pub const LI_SHUZHEN: Neighbour = Neighbour {
    phone: "13900000001",
    name: "李淑珍",
};
/// Lives in 3栋; volunteers 心理疏导 and 四点半课堂.
pub const HUANG_JIANHUA: Neighbour = Neighbour {
    phone: "13900000004",
    name: "黄建华",
};
/// Volunteers 爱心理发 and 助餐送餐.
pub const ZHU_LIJUAN: Neighbour = Neighbour {
    phone: "13900000007",
    name: "朱丽娟",
};

/// In the order they are seeded: their homes are spread over the units by position, and every
/// third one (李淑珍, 黄建华, 朱丽娟, 何振华, …) volunteers.
pub const NEIGHBOURS: [Neighbour; 20] = [
    LI_SHUZHEN,
    Neighbour {
        phone: "13900000002",
        name: "周志强",
    },
    Neighbour {
        phone: "13900000003",
        name: "吴桂兰",
    },
    HUANG_JIANHUA,
    Neighbour {
        phone: "13900000005",
        name: "孙玉梅",
    },
    Neighbour {
        phone: "13900000006",
        name: "胡国庆",
    },
    ZHU_LIJUAN,
    Neighbour {
        phone: "13900000008",
        name: "高德明",
    },
    Neighbour {
        phone: "13900000009",
        name: "林秀兰",
    },
    Neighbour {
        phone: "13900000010",
        name: "何振华",
    },
    Neighbour {
        phone: "13900000011",
        name: "郭红梅",
    },
    Neighbour {
        phone: "13900000012",
        name: "马志刚",
    },
    Neighbour {
        phone: "13900000013",
        name: "罗美玲",
    },
    Neighbour {
        phone: "13900000014",
        name: "梁文斌",
    },
    Neighbour {
        phone: "13900000015",
        name: "宋春花",
    },
    Neighbour {
        phone: "13900000016",
        name: "谢长青",
    },
    Neighbour {
        phone: "13900000017",
        name: "唐小燕",
    },
    Neighbour {
        phone: "13900000018",
        name: "韩立新",
    },
    Neighbour {
        phone: "13900000019",
        name: "冯淑芬",
    },
    Neighbour {
        phone: "13900000020",
        name: "邓永红",
    },
];

/// What `accounts.json` holds.
#[derive(Serialize)]
struct AccountsFile {
    password: &'static str,
    accounts: &'static [DemoAccount],
}

/// The accounts as JSON, for the e2e harness and the scripts.
pub fn accounts_json() -> String {
    let file = AccountsFile {
        password: DEMO_PASSWORD,
        accounts: &DEMO_ACCOUNTS,
    };
    serde_json::to_string_pretty(&file).expect("accounts serialise") + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    const COMMITTED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/demo/accounts.json");
    const README: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md");

    /// `UPDATE_DEMO_ACCOUNTS=1 cargo test -p linli-server --lib demo` rewrites it.
    #[test]
    fn accounts_json_is_generated_from_the_accounts() {
        if std::env::var_os("UPDATE_DEMO_ACCOUNTS").is_some() {
            std::fs::write(COMMITTED, accounts_json()).expect("write accounts.json");
            return;
        }
        let committed = std::fs::read_to_string(COMMITTED).unwrap_or_default();
        assert!(
            committed == accounts_json(),
            "server/src/demo/accounts.json is stale: run \
             `UPDATE_DEMO_ACCOUNTS=1 cargo test -p linli-server --lib demo` and commit it"
        );
    }

    #[test]
    fn the_readme_lists_every_account_as_printed() {
        let readme = std::fs::read_to_string(README).expect("README.md");
        assert!(readme.contains(&format!("password `{DEMO_PASSWORD}`")));
        for account in DEMO_ACCOUNTS {
            let row = format!(
                "| {} | {} | {} |",
                account.name, account.phone, account.role
            );
            assert!(readme.contains(&row), "README.md lacks the row {row}");
        }
    }

    #[test]
    fn phones_and_keys_are_unique() {
        let mut phones: Vec<&str> = DEMO_ACCOUNTS.iter().map(|a| a.phone).collect();
        phones.extend(NEIGHBOURS.iter().map(|n| n.phone));
        let mut keys: Vec<&str> = DEMO_ACCOUNTS.iter().map(|a| a.key).collect();
        let (people, accounts) = (phones.len(), keys.len());
        phones.sort_unstable();
        phones.dedup();
        keys.sort_unstable();
        keys.dedup();
        assert_eq!((phones.len(), keys.len()), (people, accounts));
    }
}
