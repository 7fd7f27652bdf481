use crate::jobs::{release, try_acquire};
use crate::testing::on_each_backend;
use chrono::{Duration, Utc};

#[tokio::test]
async fn only_one_holder_has_a_lease_until_it_expires_or_is_released() {
    on_each_backend(|db| async move {
        let c = db.conn();
        let now = Utc::now();
        let ttl = Duration::seconds(60);
        assert!(try_acquire(c, "deadlines", "a", now, ttl).await.unwrap());
        assert!(
            !try_acquire(c, "deadlines", "b", now, ttl).await.unwrap(),
            "b must wait"
        );
        assert!(
            try_acquire(c, "deadlines", "a", now, ttl).await.unwrap(),
            "a renews"
        );
        let later = now + Duration::seconds(61);
        assert!(
            try_acquire(c, "deadlines", "b", later, ttl).await.unwrap(),
            "expired lease is taken"
        );
        assert!(!try_acquire(c, "deadlines", "a", later, ttl).await.unwrap());
        release(c, "deadlines", "b").await.unwrap();
        assert!(try_acquire(c, "deadlines", "a", later, ttl).await.unwrap());
    })
    .await;
}
