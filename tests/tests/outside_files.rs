//! Nothing outside the content folder is read or published: a symbolic link
//! that leaves it (to `/etc/passwd`, say) is refused with its path, before
//! anything is read through it.

#![cfg(unix)]
#![allow(clippy::unwrap_used)]

use tests::SiteTest;

#[test]
fn a_link_to_a_file_outside_the_content_folder_is_refused() {
    SiteTest::new().outside("secret.txt", "SECRET").symlink("files/leak.txt", "../../secret.txt").expect_error(
        "<site>/content/files/leak.txt: leads outside <site>/content (to <site>/secret.txt), through a symbolic link: it is not read; copy the file into the folder instead",
    );
}

#[test]
fn a_link_to_a_system_file_is_refused() {
    let errors = SiteTest::new().symlink("passwd", "/etc/passwd").errors();
    assert_eq!(
        errors,
        "<site>/content/passwd: leads outside <site>/content (to /etc/passwd), through a symbolic link: it is not read; copy the file into the folder instead"
    );
}

#[test]
fn a_link_to_a_folder_outside_is_refused_and_not_walked() {
    let site = SiteTest::new().outside("secret.txt", "SECRET");
    let errors = site.symlink("docs", "..").errors();
    assert_eq!(
        errors,
        "<site>/content/docs: leads outside <site>/content (to <site>), through a symbolic link: it is not read; copy the file into the folder instead"
    );
}

#[test]
fn site_settings_linked_from_outside_are_refused_unread() {
    let site = SiteTest::new().outside("site.yaml", "title: 外部\nSECRET: 1\n");
    std::fs::remove_file(site.content_dir().join("site.yaml")).unwrap();
    let errors = site.symlink("site.yaml", "../site.yaml").errors();
    assert_eq!(
        errors,
        "<site>/content/site.yaml: leads outside <site>/content (to <site>/site.yaml), through a symbolic link: it is not read; copy the file into the folder instead"
    );
}

#[test]
fn a_page_linked_from_outside_is_refused() {
    let site = SiteTest::new().outside("page.md", "---\ntitle: 外部\n---\nSECRET\n");
    let errors = site.symlink("page.md", "../page.md").errors();
    assert!(errors.starts_with("<site>/content/page.md: leads outside <site>/content"), "{errors}");
    assert!(!errors.contains("SECRET"), "{errors}");
}

#[test]
fn a_link_inside_the_content_folder_is_followed() {
    let site = SiteTest::new().file("files/a.txt", "甲").symlink("files/b.txt", "a.txt");
    site.build();
    assert_eq!(site.read("files/b.txt"), "甲");
}

#[test]
fn a_link_back_to_its_own_folder_is_refused_not_walked_for_ever() {
    SiteTest::new()
        .symlink("files/loop", "..")
        .expect_error("<site>/content/files/loop: is a link back to a folder that contains it: remove the link");
}

#[test]
fn a_pipe_in_the_content_folder_is_refused_not_copied() {
    // Copying a pipe waits for a writer for ever: run the build aside.
    let site = SiteTest::new();
    let fifo = site.content_dir().join("pipe");
    assert!(std::process::Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let opts = site.options();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(site_gen::check(&opts).err().map(|p| p.to_string())));
    let got = rx.recv_timeout(std::time::Duration::from_secs(20)).expect("the build finishes");
    let errors = got.expect("the build fails").replace(&site.root().display().to_string(), "<site>");
    assert_eq!(errors, "<site>/content/pipe: is not a regular file or folder (a pipe or a device?): remove it");
}
