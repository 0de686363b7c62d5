fn main() {
    flowlab::mount();
}
