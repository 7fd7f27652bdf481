//! The route registry: every route the server answers, registered through a [`RouteTable`] so
//! the list of (method, path) pairs is known without starting a server.
//!
//! Each context's `routes()` builds a `RouteTable` with [`get`], [`post`] and [`delete`] from
//! this module instead of axum's, so registering a route and listing it are one act. The HTTP
//! test suite compares [`route_table`](crate::route_table) with its route × role permission
//! matrix and fails when a route is missing from either side.

use crate::state::AppState;
use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::MethodRouter;

/// One registered route: a method and an axum path pattern such as `/users/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Route {
    /// The HTTP method (`GET` also answers `HEAD`).
    pub method: Method,
    /// The path pattern, in axum's syntax.
    pub path: String,
}

/// The handlers of one path, with the methods they answer.
pub struct Methods {
    methods: Vec<Method>,
    router: MethodRouter<AppState>,
}

/// A `GET` handler (axum's [`axum::routing::get`], which also answers `HEAD`).
pub fn get<H, T>(handler: H) -> Methods
where
    H: Handler<T, AppState>,
    T: 'static,
{
    Methods {
        methods: vec![Method::GET],
        router: axum::routing::get(handler),
    }
}

/// A `POST` handler.
pub fn post<H, T>(handler: H) -> Methods
where
    H: Handler<T, AppState>,
    T: 'static,
{
    Methods {
        methods: vec![Method::POST],
        router: axum::routing::post(handler),
    }
}

/// A `DELETE` handler.
pub fn delete<H, T>(handler: H) -> Methods
where
    H: Handler<T, AppState>,
    T: 'static,
{
    Methods {
        methods: vec![Method::DELETE],
        router: axum::routing::delete(handler),
    }
}

impl Methods {
    /// Adds a `GET` handler.
    pub fn get<H, T>(mut self, handler: H) -> Methods
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.methods.push(Method::GET);
        self.router = self.router.get(handler);
        self
    }

    /// Adds a `POST` handler.
    pub fn post<H, T>(mut self, handler: H) -> Methods
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.methods.push(Method::POST);
        self.router = self.router.post(handler);
        self
    }

    /// Adds a `DELETE` handler.
    pub fn delete<H, T>(mut self, handler: H) -> Methods
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.methods.push(Method::DELETE);
        self.router = self.router.delete(handler);
        self
    }
}

/// A router that remembers what it registered.
#[derive(Default)]
pub struct RouteTable {
    router: Router<AppState>,
    routes: Vec<Route>,
}

impl RouteTable {
    /// An empty table.
    pub fn new() -> RouteTable {
        RouteTable::default()
    }

    /// Registers the handlers of one path.
    pub fn route(mut self, path: &str, methods: Methods) -> RouteTable {
        self.routes
            .extend(methods.methods.into_iter().map(|method| Route {
                method,
                path: path.to_string(),
            }));
        self.router = self.router.route(path, methods.router);
        self
    }

    /// Adds the routes of another table.
    pub fn merge(mut self, other: RouteTable) -> RouteTable {
        self.routes.extend(other.routes);
        self.router = self.router.merge(other.router);
        self
    }

    /// Adds a router built elsewhere (Swagger UI), naming the routes it answers.
    pub fn merge_router(
        mut self,
        router: Router<AppState>,
        routes: &[(Method, &str)],
    ) -> RouteTable {
        self.routes
            .extend(routes.iter().map(|(method, path)| Route {
                method: method.clone(),
                path: (*path).to_string(),
            }));
        self.router = self.router.merge(router);
        self
    }

    /// The routes registered so far, in registration order.
    pub fn routes(&self) -> &[Route] {
        &self.routes
    }

    /// The axum router.
    pub fn into_router(self) -> Router<AppState> {
        self.router
    }
}
